// Convergence latency of the live path, measured end to end on one machine: a loopback API
// stand-in, felix-sim (informers → model → the dataplane driver it starts, as Felix does), the
// driver relaying to the live target, which times each step from its last acknowledged write
// to the moment the rebuilt state equals the oracle's. `k8sfv live bench` prints it; the
// `bench` command can call `LiveBenchmark.run`.

import Calico
import Campaign
import Driver
import Foundation
import Gen
import KubeStandIn
import Live

public enum LiveBenchmark {
    public struct Result: Sendable {
        public var latencies: ConvergenceLatencies
        public var scenarios: Int
        public var steps: Int
        public var failures: [String]
        public var seconds: Double
        /// felix-sim's calc-graph metrics over the run, scraped as a real Felix's would be.
        public var calcGraph: FelixCalcGraphMetrics?
    }

    /// Runs the three seed workloads (small scale, `workloadSteps` steps each) and `sequences`
    /// generated sequences of `seed` through felix-sim. `k8sfv` is the executable to spawn.
    public static func run(
        k8sfv: String, sequences: Int, seed: UInt64, workloadSteps: Int = 20,
        progress: (String) -> Void = { _ in }
    ) throws -> Result {
        let started = Date()
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let metricsPort = try MetricsPort.free()
        let harness = try LiveHarness(
            server: standIn.baseURL, felixSim: FelixSimCommand.commandLine(executable: k8sfv), runID: "bench-\(seed)", convergenceDeadline: 10, quietLimit: 2,
            metricsPort: metricsPort)
        defer { try? harness.close() }
        let metricsURL = URL(string: "http://127.0.0.1:\(metricsPort)/metrics")!
        var before: FelixCalcGraphMetrics?
        for _ in 0..<50 where before == nil {
            before = try? MetricsScraper.scrape(metricsURL, timeout: 1)
            if before == nil { usleep(100_000) }
        }
        var scenarios: [(String, Scenario)] = Workloads.names.compactMap { name in
            Workloads.named(name, scale: .small, steps: workloadSteps).map { (name, $0) }
        }
        let configuration = CampaignConfiguration(seed: seed, scale: .small)
        let generator = ScenarioGenerators.scenario(scale: .small)
        for index in 0..<sequences {
            let (scenario, _) = try generator.generate(seed: configuration.sequenceSeed(index))
            scenarios.append(("sequence \(index)", scenario))
        }
        let runner = ScenarioRunner()
        var failures: [String] = []
        var steps = 0
        for (name, scenario) in scenarios {
            let outcome = runner.run(scenario, on: harness.target)
            steps += outcome.stepsRun
            if let failure = outcome.failure { failures.append("\(name): \(failure.signature) \(failure.location)") }
            progress("\(name): \(outcome.stepsRun) steps, \(outcome.failure.map { "FAILED \($0.signature)" } ?? "passed"); latency so far \(harness.target.latencies.summary)")
        }
        let calcGraph = before.flatMap { first in (try? MetricsScraper.scrape(metricsURL)).map { $0.since(first) } }
        return Result(
            latencies: harness.target.latencies, scenarios: scenarios.count, steps: steps, failures: failures,
            seconds: Date().timeIntervalSince(started), calcGraph: calcGraph)
    }
}

enum LiveBenchmarkCommand {
    static let group = "bench options"

    static let declarations: [OptionDeclaration] = [
        .integer("--sequences", in: 0...100_000, "random sequences run after the workloads", default: 20, group: group),
        .unsigned64("--seed", "seed of the random sequences", default: 1, group: group),
        .integer("--workload-steps", in: 1...10_000, "steps of each seed workload", default: 20, group: group),
        .flag("--json", "print the result as one JSON document", group: group),
    ]

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let sequences = try arguments.intOption("--sequences") ?? 20
        let seed = try arguments.uint64Option("--seed") ?? 1
        let steps = try arguments.intOption("--workload-steps") ?? 20
        let json = try arguments.flag("--json")
        try arguments.finish()
        setenv("no_proxy", "127.0.0.1,localhost", 1)
        let result: LiveBenchmark.Result
        do {
            result = try LiveBenchmark.run(
                k8sfv: LiveSession.currentExecutable(), sequences: sequences, seed: seed, workloadSteps: steps,
                progress: { io.error("  " + $0) })
        } catch let error as TargetError {
            throw EnvironmentError("live bench: \(error.message)")
        }
        let l = result.latencies
        if json {
            let object: [String: Double] = [
                "scenarios": Double(result.scenarios), "steps": Double(result.steps),
                "checkpoints": Double(l.samples.count), "timeouts": Double(l.timeouts),
                "median_ms": (l.median ?? -1) * 1000, "p99_ms": (l.p99 ?? -1) * 1000, "max_ms": (l.maximum ?? -1) * 1000,
                "failures": Double(result.failures.count), "seconds": result.seconds,
            ]
            io.print(try KubeJSON.encodeString(object))
        } else {
            io.print("live bench (stand-in + felix-sim): \(result.scenarios) scenarios, \(result.steps) steps in \(String(format: "%.1f", result.seconds)) s")
            io.print("convergence latency per checkpoint: \(l.summary)")
            if let calcGraph = result.calcGraph { io.print("felix-sim's calc-graph metrics: \(calcGraph.summary)") }
            for failure in result.failures { io.print("  failed: \(failure)") }
        }
        return result.failures.isEmpty ? ExitCode.ok : ExitCode.propertyFailed
    }
}
