import Calico
import Driver
import Foundation
import Gen

/// `k8sfv bench`: the project's performance figures — the seed workloads (model against
/// oracle), remote-relabel scaling and memory, fuzz throughput, generation speed, the
/// shrinking challenge beside Hypothesis — as a table, JSON or an HTML report.
enum BenchCommand: K8sfvCommand {
    static let name = "bench"
    static let summary = "Measure the model, generators and shrinker (workloads, relabel scaling, throughput)"
    static let help = """
        Usage: k8sfv bench [SECTION...] [OPTIONS]

        Runs the named sections (default: all but live) and prints a table per section. Build
        with -c release before quoting any figure. A goal that is not met is said so plainly.

        Sections:
          workloads         the seed workloads (rotateMaturity, podRingChurn, policyChurn) on the
                            model: per-step latency, messages per step, memory, and the model's
                            time per step against recomputing the oracle (goal: ≥ 20× faster)
          relabel           a remote pod's relabel at several cluster sizes (goals: ≤ 2× slower
                            over 100× more pods; < 1 GiB at 100,000 pods); each size in its own
                            process unless --in-process
          fuzz              fuzz throughput at the small scale, every property after every step
          gen               generation speed (GenBenchmark)
          shrink-challenge  the shrinking challenge, beside Hypothesis's published figures
          live              convergence latency per step through a loopback API stand-in and
                            felix-sim (only when named: it starts processes and a server)
          instructions      instructions per checked step under callgrind, by phase, and the raw
                            cost of generating an [Int], an (Int, Int) and a small scenario beside
                            swift-property-based 2.0.1 (only when named; needs valgrind)
          all               every section but live and instructions
          live-parity       every injected bug on the model and through the live path, and
                            live sequences per minute with namespace termination on and off
                            (run alone: k8sfv bench live-parity [--seed S] [--budget N] [--inject
                            NAME] [--pace-sequences N] [--namespace-deletion DURATION])

        Options:
          --scale small|seed    workloads: cluster scale (default: seed)
          --steps N             workloads: steps per workload (default: 200)
          --oracle-steps N      workloads: steps the oracle is timed over (default: 50)
          --pods LIST           relabel: pod counts (default: 1000,10000,100000)
          --relabels N          relabel: relabels timed per size (default: 2000)
          --in-process          relabel: measure every size in this process
          --time DURATION       fuzz: how long to fuzz (default: 10s)
          --seed S              fuzz and gen: seed (default: 1)
          --sequences N         gen: small scenarios generated (default: 2000)
          --seed-steps N        gen: steps in the seed-scale scenario (default: 1000)
          --seeds N             shrink-challenge: seeds per problem (default: 100)
          --iterations N        instructions: fuzz sequences counted (default: 300)
          --quick               tiny sizes for every section (a smoke test, not a measurement)
          --json                print one JSON document instead of the tables
          --report FILE.html    also write the figures as a self-contained HTML report
          --target model|live   live: the same as naming the live section (default: model)
          --felix-metrics URL   live: also scrape a real Felix's Prometheus endpoint (e.g.
                                http://127.0.0.1:9091/metrics) before and after, and report its
                                felix_calc_graph_* counters (default: not scraped)

        Exit status: 0 measured, 1 a correctness check failed (the model's state differed from
        the oracle's, a fuzz sequence failed, a shrunk result no longer failed), 2 bad usage.
        """

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        var peek = arguments
        if peek.positional() == "live-parity" {
            _ = arguments.positional()
            return try BenchLiveParity.run(&arguments, io: io)
        }
        let options = try BenchOptions.parse(&arguments)
        try arguments.finish()
        if let workload = options.instructionsChild {
            // One workload for a parent counting instructions under callgrind.
            let outcome = try workload.run(count: options.count, seed: options.seed)
            io.print(try KubeJSON.encodeString(outcome))
            return ExitCode.ok
        }
        if options.child {
            // One relabel size, as JSON, for the parent's table.
            guard options.sections == [.relabel], options.pods.count == 1 else {
                throw UsageError("--child runs exactly one relabel size: bench relabel --child --pods N")
            }
            io.print(try KubeJSON.encodeString(BenchRelabel.run(pods: options.pods[0], relabels: options.relabels)))
            return ExitCode.ok
        }
        let results = BenchRunner(options: options, io: io).run()
        if options.json {
            io.print(try KubeJSON.encodeString(results))
        }
        if let path = options.report {
            let html = BenchReport.render(results, options: options)
            do {
                try html.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw InputError("cannot write the report to \(path): \(error.localizedDescription)")
            }
            if !options.json { io.print("report: \(path)") }
        }
        return BenchRunner.exitCode(results)
    }
}
