// Placeholder until this command is built; replace the whole file.
enum LiveCommand: K8sfvCommand {
    static let name = "live"
    static let summary = "Set up and tear down a live cluster for Felix (not yet built)"
    static let help = "k8sfv live: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'live' is not built yet")
    }
}
