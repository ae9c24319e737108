import CalcGraph
import Driver
import Foundation
import Gen

/// `k8sfv fuzz`: the main job. Generates sequences, runs them against a target, checks every
/// property after every step, and shrinks each new failure into `seeds/<id>.json`.
enum FuzzCommand: K8sfvCommand {
    static let name = "fuzz"
    static let summary = "Run a fuzz campaign against the in-process model (the main job)"
    static let help = """
        Usage: k8sfv fuzz [OPTIONS]

        Generates random Kubernetes scenarios, applies them to a target step by step, and checks
        every property after every step against the oracle. Each new failure is shrunk to a
        minimal reproducer and written to the output directory the moment it is ready.

        Options:
          --seed S              campaign seed, decimal or 0x-hex (default: from the clock; printed)
          --iterations N        stop after N sequences
          --time DURATION       stop after DURATION, e.g. 90s, 5m, 2h (default: 60s when
                                neither --iterations nor --time is given)
          --scale small|seed    cluster size: small (default; a few hosts, namespaces, pods)
                                or seed (50 hosts, 20 namespaces, 1,000 pods)
          --target model|live   the target (default: model; live needs 'k8sfv live setup' and a
                                running Felix, see docs/live.md)
          --inject NAME         switch on an injected bug in the model (repeatable, or NAME,NAME)
          --list-injections     list the injectable bugs and exit
          --out DIR             where reproducers go (default: seeds)
          --no-shrink           save failures unshrunk
          --shrink-time SECS    time budget for shrinking one failure (default: 60)
          --shrink-evals N      evaluation budget for shrinking one failure (default: 5000)
          --json                write one JSON event per line on stdout instead of the summary
        \(LiveCampaignOptions.help)

        Exit status: 0 no property failed, 1 a property failed, 2 bad usage, 130 interrupted.
        """

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        if arguments.flag("--list-injections") {
            try arguments.finish()
            for bug in InjectedBug.allCases.sorted() {
                io.print(bug.rawValue.padding(toLength: 36, withPad: " ", startingAt: 0) + bug.summary)
            }
            return ExitCode.ok
        }
        let options = try FuzzOptions.parse(&arguments)
        let live = options.target.kind == .live ? try LiveCampaignOptions.parse(&arguments) : nil
        try arguments.finish()
        let liveTarget = try live?.installTarget(io: io)
        defer {
            liveTarget?.close()
            if let latencies = liveTarget?.latencies { io.error("live convergence latency: \(latencies.summary)") }
        }
        return FuzzSession(options: options, io: io).run()
    }
}
