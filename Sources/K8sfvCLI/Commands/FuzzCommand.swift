import CalcGraph
import Driver
import Foundation
import Gen

/// `k8sfv fuzz`: the main job. Generates sequences, runs them against a target, checks every
/// property after every step, and shrinks each new failure into `k8sfv-out/<id>.json` (or `--out DIR`).
enum FuzzCommand: K8sfvCommand {
    static let name = "fuzz"
    static let summary = "Run a fuzz campaign on every core: find, shrink and save failures (the main job)"
    static var help: String { """
        Usage: k8sfv fuzz [OPTIONS]

        Generates random Kubernetes scenarios, applies them to a target step by step, and checks
        every property after every step against the oracle. Each new failure is shrunk to a
        minimal reproducer and written to the output directory the moment it is ready.

        Options:
          --seed S              campaign seed, decimal or 0x-hex (default: from the clock; printed)
          --iterations N        stop after N sequences (per shard)
          --time DURATION       stop after DURATION, e.g. 90s, 5m, 2h (default: 60s when
                                neither --iterations nor --time is given); with --resume,
                                the total over all sessions, so more than already run
          --scale small|seed    cluster size: small (default; a few hosts, namespaces, pods)
                                or seed (50 hosts, 20 namespaces, 1,000 pods)
          --target model|live   the target (default: model; live needs 'k8sfv live setup' and a
                                running Felix, see docs/live.md)
          --inject NAME         switch on an injected bug in the model (repeatable, or NAME,NAME)
          --list-injections     list the injectable bugs and exit
          --out DIR             where reproducers and the state go (default: k8sfv-out, an
                                ignored folder; copy a reproducer into seeds/ to commit it)
          --no-shrink           save failures unshrunk
          --shrink-time SECS    time budget for shrinking one failure (default: 60)
          --shrink-evals N      evaluation budget for shrinking one failure (default: 5000;
                                at most 200 for a crash or timeout, each run being a process)
          --workers N           worker processes (default: every core, here \(FuzzOptions.defaultWorkers))
          --shard I/N           run shard I of N (0 ≤ I < N) of the index space, for
                                distributed campaigns (default: 0/1); see 'k8sfv help merge'
          --sequence-timeout D  a sequence running longer is killed and reported as a
                                target-error/timeout failure (default: 60s)
          --state FILE          where the campaign state is saved, every 5s and at exit
                                (default: OUT/.k8sfv-campaign.json)
          --resume FILE         continue the campaign saved in FILE; options left out take
                                the saved values, and seed, scale, target, injections,
                                workers, shard and out must match (default: a new campaign)
          --in-process          run in this process: one worker, no crash isolation
                                (default: worker processes)
          --json                write one JSON event per line on stdout instead of the summary
          --report FILE.html    write the campaign's HTML report to FILE at the end (default: none)
        \(LiveCampaignOptions.help)

        Sequence i of seed S is the same on any machine and in any worker: worker w of W in
        shard s of S' runs the indices congruent to s + S'·w modulo S'·W. A crash or hang of
        the target fails only its sequence (property target-error, kind crash or timeout),
        which is shrunk in separate processes. SIGINT or SIGTERM stops cleanly: every
        reproducer found is on disk and the state can be resumed. With --target live the
        campaign runs in this process (one cluster, one Felix: no workers).

        Exit status: 0 no property failed, 1 a property failed, 2 bad usage, 3 the live
        environment failed (API server down, namespaces stuck terminating, no Felix stream;
        retried 3 times 5 s apart first, never saved as a reproducer), 130 interrupted.
        """
    }

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        if arguments.flag("--list-injections") {
            try arguments.finish()
            for bug in InjectedBug.allCases.sorted() {
                io.print(bug.rawValue.padding(toLength: 36, withPad: " ", startingAt: 0) + bug.summary)
            }
            return ExitCode.ok
        }
        let options = try FuzzOptions.parse(&arguments)
        if options.target.kind != .live { try LiveCampaignOptions.refuseWithoutLive(&arguments) }
        let live = options.target.kind == .live ? try LiveCampaignOptions.parse(&arguments) : nil
        try arguments.finish()
        let liveTarget = try live?.installTarget(io: io)
        defer {
            liveTarget?.close()
            if let latencies = liveTarget?.latencies { io.error("live convergence latency: \(latencies.summary)") }
        }
        return FuzzSession(options: options, io: io, live: live).run()
    }
}
