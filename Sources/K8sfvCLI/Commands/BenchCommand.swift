// Placeholder until this command is built; replace the whole file.
enum BenchCommand: K8sfvCommand {
    static let name = "bench"
    static let summary = "Benchmark the seed workloads against a target (not yet built)"
    static let help = "k8sfv bench: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'bench' is not built yet")
    }
}
