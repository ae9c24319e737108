import Calico
import Foundation
import Gen

// `k8sfv gen`: prints generated scenarios as JSON lines, or feature statistics over them.
// Takes a seed, a count, a scale, optionally a named workload; gives one line per scenario,
// `{"index":i,"scenario":{…},"seed":S}`, where sequence i is generated from a seed derived from
// (S, i), so any line can be regenerated alone. Cost: generation time (see docs/gen.md).

enum GenCommand: K8sfvCommand {
    static let name = "gen"
    static let summary = "Print generated scenarios as JSON lines, or statistics over them"
    static let about = """
        Usage: k8sfv gen --seed S [--count N] [--scale small|seed] [--steps N] [--workload NAME]
                         [--stats [--json]]

        Prints one generated scenario per line: {"index":i,"scenario":{...},"seed":S}. The scenario
        holds the local host, the starting cluster and the steps, all as Kubernetes objects.
        Sequence i uses a seed derived from (S, i), so it can be regenerated alone.
        """

    static var options: [OptionDeclaration] {
        [
            .unsigned64("--seed", "run seed, decimal or 0x-hex (required unless --workload)"),
            .integer("--count", in: 1...1_000_000, "number of scenarios (default: 1; not with --workload)"),
            .choice(
                "--scale", ClusterScale.allCases.map(\.rawValue),
                "small (drawn: 2-4 hosts, 1-4 namespaces, 0-8 pods, 0-4 policies) or seed (Felix's k8sfv cluster: "
                    + "50 hosts, 20 namespaces, 1000 pods)",
                default: ClusterScale.small.rawValue),
            .integer(
                "--steps", in: 0...1_000_000,
                "random scenarios: 0 to N steps (default: \(ScenarioGenerators.defaultMaxSteps)); workloads: exactly N "
                    + "steps (default: 100)"),
            .text(
                "--workload", "NAME",
                "a fixed workload instead of random steps: \(Workloads.names.joined(separator: ", ")) (prints one "
                    + "scenario; --seed and --count do not apply)"),
            .flag(
                "--stats",
                "print a table of how often each step kind, selector operator, peer kind, port form, protocol and "
                    + "policyTypes variant appeared"),
            .flag("--json", "with --stats: print the statistics as JSON"),
        ]
    }

    static var notes: String { "Generator version: \(GeneratorVersion.current)" }

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let seed = try arguments.uint64Option("--seed")
        let givenCount = try arguments.intOption("--count")
        let scale = try arguments.option("--scale").flatMap(ClusterScale.init(rawValue:)) ?? .small
        let givenSteps = try arguments.intOption("--steps")
        let workload = try arguments.option("--workload")
        let stats = try arguments.flag("--stats")
        let json = try arguments.flag("--json")
        try arguments.finish()
        let count = givenCount ?? 1
        if json && !stats { throw UsageError("--json only applies with --stats") }

        if let workload {
            if givenCount != nil { throw UsageError("--count does not apply to --workload (it prints one scenario)") }
            let steps = givenSteps ?? 100
            guard let scenario = Workloads.named(workload, scale: scale, steps: steps) else {
                throw UsageError("unknown workload '\(workload)'; choose one of \(Workloads.names.joined(separator: ", "))")
            }
            try emit([(seed ?? 0, 0, scenario)], stats: stats, json: json, io: io)
            return ExitCode.ok
        }
        guard let seed else { throw UsageError("--seed is required (e.g. --seed 42)") }
        let maxSteps = givenSteps ?? ScenarioGenerators.defaultMaxSteps
        let generator = ScenarioGenerators.scenario(scale: scale, steps: 0...maxSteps)
        var statistics = GenerationStats()
        for index in 0..<count {
            let derived = ScenarioGenerators.sequenceSeed(seed: seed, index: UInt64(index))
            let scenario: Scenario
            do {
                scenario = try generator.generate(seed: derived).value
            } catch {
                throw InputError("generating sequence \(index) of seed \(seed) failed: \(error)")
            }
            if stats {
                statistics.add(scenario)
            } else {
                try emit([(seed, index, scenario)], stats: false, json: false, io: io)
            }
        }
        if stats { try printStats(statistics, json: json, io: io) }
        return ExitCode.ok
    }

    /// One generated scenario as printed.
    struct Line: Encodable {
        var seed: UInt64
        var index: Int
        var scenario: Scenario
    }

    private static func emit(_ items: [(UInt64, Int, Scenario)], stats: Bool, json: Bool, io: CommandIO) throws {
        if stats {
            var statistics = GenerationStats()
            for item in items { statistics.add(item.2) }
            try printStats(statistics, json: json, io: io)
            return
        }
        for (seed, index, scenario) in items {
            io.print(try KubeJSON.encodeString(Line(seed: seed, index: index, scenario: scenario)))
        }
    }

    private static func printStats(_ statistics: GenerationStats, json: Bool, io: CommandIO) throws {
        io.print(json ? try statistics.jsonString() : statistics.table())
    }
}
