// Placeholder until this command is built; replace the whole file.
enum FuzzCommand: K8sfvCommand {
    static let name = "fuzz"
    static let summary = "Run a fuzz campaign (the main job) (not yet built)"
    static let help = "k8sfv fuzz: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'fuzz' is not built yet")
    }
}
