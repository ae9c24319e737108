// Placeholder until this command is built; replace the whole file.
enum ReplayCommand: K8sfvCommand {
    static let name = "replay"
    static let summary = "Replay a reproducer file (not yet built)"
    static let help = "k8sfv replay: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'replay' is not built yet")
    }
}
