// Placeholder until this command is built; replace the whole file.
enum DataplaneDriverCommand: K8sfvCommand {
    static let name = "dataplane-driver"
    static let summary = "The external dataplane driver Felix starts (not yet built)"
    static let help = "k8sfv dataplane-driver: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'dataplane-driver' is not built yet")
    }
}
