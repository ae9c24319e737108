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
    static let about = """
        Usage: k8sfv bench [SECTION...] [OPTIONS]
               k8sfv bench live-parity [OPTIONS]

        Runs the named sections (default: all but live and instructions) and prints a table per
        section. Build with -c release before quoting any figure. A goal that is not met is said
        so plainly.

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
          shrink-injections every injected bug found, shrunk and measured against its minimum
          shrink-live       every injected bug found on the model, then shrunk through a loopback
                            API stand-in and felix-sim with the bug, beside the model's shrink
                            (only when named; --bugs, --live-shrink-evals, --live-shrink-time)
          live              convergence latency per step through a loopback API stand-in and
                            felix-sim (only when named: it starts processes and a server)
          instructions      instructions per checked step under callgrind, by phase, and the raw
                            cost of generating an [Int], an (Int, Int) and a small scenario beside
                            swift-property-based 2.0.1 (only when named; needs valgrind)
          all               every section but live, shrink-live and instructions
          live-parity       every injected bug on the model and through the live path, and
                            live sequences per minute with namespace termination on and off
                            (run alone, with its own options below)
        """

    static var options: [OptionDeclaration] { BenchOptions.declarations + BenchLiveParity.declarations }

    static let notes = """
        Exit status: 0 measured, 1 a correctness check failed (the model's state differed from
        the oracle's, a fuzz sequence failed, a shrunk result no longer failed) or a section
        failed, 2 bad usage.
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
