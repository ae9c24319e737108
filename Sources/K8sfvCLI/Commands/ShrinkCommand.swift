// Placeholder until this command is built; replace the whole file.
enum ShrinkCommand: K8sfvCommand {
    static let name = "shrink"
    static let summary = "Shrink a reproducer file further (not yet built)"
    static let help = "k8sfv shrink: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'shrink' is not built yet")
    }
}
