// Placeholder until this command is built; replace the whole file.
enum ExportCommand: K8sfvCommand {
    static let name = "export"
    static let summary = "Export a reproducer as kubectl commands (not yet built)"
    static let help = "k8sfv export: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'export' is not built yet")
    }
}
