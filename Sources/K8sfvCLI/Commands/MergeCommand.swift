// Placeholder until this command is built; replace the whole file.
enum MergeCommand: K8sfvCommand {
    static let name = "merge"
    static let summary = "Merge shard outputs into one corpus and report (not yet built)"
    static let help = "k8sfv merge: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'merge' is not built yet")
    }
}
