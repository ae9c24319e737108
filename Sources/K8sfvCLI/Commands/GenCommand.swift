// Placeholder until this command is built; replace the whole file.
enum GenCommand: K8sfvCommand {
    static let name = "gen"
    static let summary = "Print generated scenarios as JSON lines (not yet built)"
    static let help = "k8sfv gen: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'gen' is not built yet")
    }
}
