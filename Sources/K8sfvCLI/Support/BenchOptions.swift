import CalcGraph
import Campaign
import Driver
import Foundation
import Gen
import Shrink

/// The options of `k8sfv bench`, with their defaults (and the `--quick` sizes for smoke tests).
struct BenchOptions {
    enum Section: String, CaseIterable {
        case workloads, relabel, fuzz, gen
        case shrinkChallenge = "shrink-challenge"
        case shrinkInjections = "shrink-injections"
        /// Every injected bug shrunk through stand-in + felix-sim (only when named: it starts processes).
        case shrinkLive = "shrink-live"
        case live
        /// Instruction counts under callgrind (only when named: it runs valgrind).
        case instructions

        /// Sections that `all` (and no section named) leave out: they start processes or valgrind.
        static let onlyWhenNamed: Set<Section> = [.live, .shrinkLive, .instructions]
    }

    var sections: [Section]
    var scale: ClusterScale
    var steps: Int
    var oracleSteps: Int
    var pods: [Int]
    var relabels: Int
    var inProcess: Bool
    var child: Bool
    var fuzzSeconds: Double
    var seed: UInt64
    var sequences: Int
    var seedSteps: Int
    var challengeSeeds: Int
    /// shrink-injections: only these bugs (all when empty).
    var bugs: [String] = []
    /// shrink-live: the budget of each live shrink.
    var liveShrinkBudget = LiveShrinkBench.defaultBudget
    var json: Bool
    var report: String?
    /// live: Felix's Prometheus endpoint, scraped before and after (a real Felix; felix-sim has none).
    var felixMetrics: String?
    /// instructions: fuzz sequences counted under callgrind.
    var iterations: Int
    /// instructions: this process is the child running one workload `count` times.
    var instructionsChild: BenchInstructionWorkload?
    var count: Int

    static let declarations: [OptionDeclaration] = [
        .choice("--scale", ClusterScale.allCases.map(\.rawValue), "workloads: cluster scale (default: seed; small with --quick)"),
        .integer("--steps", in: 1...1_000_000, "workloads: steps per workload (default: 200; 20 with --quick)"),
        .integer("--oracle-steps", in: 1...1_000_000, "workloads: steps the oracle is timed over (default: 50; 10 with --quick)"),
        .text(
            "--pods", "LIST",
            "relabel: comma-separated pod counts from 1 to 2000000 (default: 1000,10000,100000; 200,2000 with --quick)"),
        .integer("--relabels", in: 1...10_000_000, "relabel: relabels timed per size (default: 2000; 50 with --quick)"),
        .flag("--in-process", "relabel: measure every size in this process"),
        .flag("--child", "relabel: this process measures one size for its parent (internal)"),
        .duration("--time", "fuzz: how long to fuzz (default: 10s; 1s with --quick)"),
        .unsigned64("--seed", "fuzz, gen, live-parity: seed", default: 1),
        .integer("--sequences", in: 1...10_000_000, "gen: small scenarios generated (default: 2000; 50 with --quick)"),
        .integer("--seed-steps", in: 1...10_000_000, "gen: steps in the seed-scale scenario (default: 1000; 50 with --quick)"),
        .integer("--seeds", in: 1...100_000, "shrink-challenge: seeds per problem (default: 100; 2 with --quick)"),
        .text("--bugs", "LIST", "shrink-injections, shrink-live: only these injected bugs, comma-separated (default: all)"),
        .integer(
            "--live-shrink-evals", in: 1...1_000_000,
            "shrink-live: evaluations per live shrink (default: \(LiveShrinkBench.defaultBudget.maxEvaluations))"),
        .duration(
            "--live-shrink-time",
            "shrink-live: wall time per live shrink (default: \(Int(LiveShrinkBench.defaultBudget.maxSeconds))s)"),
        .integer("--iterations", in: 1...1_000_000, "instructions: fuzz sequences counted (default: 300; 5 with --quick)"),
        .text(
            "--instructions-child", "WORKLOAD",
            "instructions: this process runs one workload for its parent under callgrind (internal): "
                + BenchInstructionWorkload.allCases.map(\.rawValue).joined(separator: ", ")),
        .integer("--count", in: 0...100_000_000, "instructions: how many times the child runs its workload (internal)", default: 1),
        .flag("--quick", "tiny sizes for every section (a smoke test, not a measurement)"),
        .flag("--json", "print one JSON document instead of the tables"),
        .text("--report", "FILE.html", "also write the figures as a self-contained HTML report"),
        .choice("--target", TargetSpec.Kind.allCases.map(\.rawValue), "live: the same as naming the live section", default: "model"),
        .text(
            "--felix-metrics", "URL",
            "live: also scrape a real Felix's Prometheus endpoint (e.g. http://127.0.0.1:9091/metrics) before and after, "
                + "and report its felix_calc_graph_* counters (default: not scraped)"),
    ]

    static func parse(_ arguments: inout Arguments) throws -> BenchOptions {
        let quick = try arguments.flag("--quick")
        let scaleName = try arguments.option("--scale") ?? (quick ? "small" : "seed")
        guard let scale = ClusterScale(rawValue: scaleName) else {
            throw UsageError("option --scale takes small or seed, not '\(scaleName)'")
        }
        let podsText = try arguments.option("--pods") ?? (quick ? "200,2000" : "1000,10000,100000")
        let pods = try podsText.split(separator: ",").map { part -> Int in
            guard let n = Int(part.trimmingCharacters(in: .whitespaces)), (1...2_000_000).contains(n) else {
                throw UsageError("option --pods takes comma-separated pod counts from 1 to 2000000, e.g. 1000,10000, not '\(podsText)'")
            }
            return n
        }
        guard !pods.isEmpty else { throw UsageError("option --pods needs at least one pod count") }
        let fuzzSeconds = try arguments.durationOption("--time") ?? (quick ? 1 : 10)
        var options = BenchOptions(
            sections: [], scale: scale,
            steps: try arguments.intOption("--steps") ?? (quick ? 20 : 200),
            oracleSteps: try arguments.intOption("--oracle-steps") ?? (quick ? 10 : 50),
            pods: pods,
            relabels: try arguments.intOption("--relabels") ?? (quick ? 50 : 2_000),
            inProcess: try arguments.flag("--in-process"), child: try arguments.flag("--child"),
            fuzzSeconds: fuzzSeconds, seed: try arguments.uint64Option("--seed") ?? 1,
            sequences: try arguments.intOption("--sequences") ?? (quick ? 50 : 2_000),
            seedSteps: try arguments.intOption("--seed-steps") ?? (quick ? 50 : 1_000),
            challengeSeeds: try arguments.intOption("--seeds") ?? (quick ? 2 : 100),
            json: try arguments.flag("--json"), report: try arguments.option("--report"),
            felixMetrics: try arguments.option("--felix-metrics"),
            iterations: try arguments.intOption("--iterations") ?? (quick ? 5 : 300),
            instructionsChild: nil,
            count: try arguments.intOption("--count") ?? 1)
        if let name = try arguments.option("--instructions-child") {
            guard let workload = BenchInstructionWorkload(rawValue: name) else {
                throw UsageError("option --instructions-child takes one of "
                    + BenchInstructionWorkload.allCases.map(\.rawValue).joined(separator: ", ") + ", not '\(name)'")
            }
            options.instructionsChild = workload
        }
        options.liveShrinkBudget = ShrinkBudget(
            maxEvaluations: try arguments.intOption("--live-shrink-evals") ?? LiveShrinkBench.defaultBudget.maxEvaluations,
            maxSeconds: try arguments.durationOption("--live-shrink-time") ?? LiveShrinkBench.defaultBudget.maxSeconds)
        options.bugs = (try arguments.option("--bugs"))?.split(separator: ",").map(String.init) ?? []
        let known = Set(InjectedBug.allCases.map(\.rawValue))
        if let unknown = options.bugs.first(where: { !known.contains($0) }) {
            throw UsageError("option --bugs: '\(unknown)' is not an injected bug; 'k8sfv fuzz --list-injections' lists them")
        }
        if let calico = options.bugs.compactMap(InjectedBug.init(rawValue:)).first(where: \.needsCalicoResources) {
            throw UsageError("option --bugs: '\(calico.rawValue)' needs Calico resources, which scenarios cannot write yet (issue 16); the shrink benches take Kubernetes-reachable bugs only")
        }
        // `--target live` is another way to ask for the live section (`--target model`: the rest).
        let target = try arguments.option("--target")
        // Sections last: every option (and its value) is consumed by now.
        var names: [String] = target == "live" ? ["live"] : []
        while let word = arguments.positional() { names.append(word) }
        var sections: [Section] = []
        for name in names {
            if name == "all" { sections = Section.allCases.filter { !Section.onlyWhenNamed.contains($0) }; continue }
            guard let section = Section(rawValue: name) else {
                throw UsageError(
                    "unknown bench section '\(name)'; use one or more of "
                        + Section.allCases.map(\.rawValue).joined(separator: ", ") + " (or all)")
            }
            if !sections.contains(section) { sections.append(section) }
        }
        if sections.isEmpty { sections = Section.allCases.filter { !Section.onlyWhenNamed.contains($0) } }
        options.sections = sections
        // Checked before the benchmarks run, which can take minutes.
        if let report = options.report {
            do { try InputFile.checkWritable(report, option: "--report") } catch let error as InputFile.Problem {
                throw InputError(error.message)
            }
        }
        return options
    }
}
