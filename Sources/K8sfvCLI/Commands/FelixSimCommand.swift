// Placeholder until this command is built; replace the whole file.
enum FelixSimCommand: K8sfvCommand {
    static let name = "felix-sim"
    static let summary = "A Felix stand-in: watch the API, run the model, feed the driver (not yet built)"
    static let help = "k8sfv felix-sim: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'felix-sim' is not built yet")
    }
}
