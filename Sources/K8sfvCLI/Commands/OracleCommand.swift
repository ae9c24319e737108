// Placeholder until this command is built; replace the whole file.
enum OracleCommand: K8sfvCommand {
    static let name = "oracle"
    static let summary = "Compute Felix's expected dataplane state from a snapshot (not yet built)"
    static let help = "k8sfv oracle: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'oracle' is not built yet")
    }
}
