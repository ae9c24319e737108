import CalcGraph
import Driver
import Foundation
import Gen

/// `k8sfv fuzz`: the main job. Generates sequences, runs them against a target, checks every
/// property after every step, and shrinks each new failure into `k8sfv-out/<id>.json` (or `--out DIR`).
enum FuzzCommand: K8sfvCommand {
    static let name = "fuzz"
    static let summary = "Run a fuzz campaign on every core: find, shrink and save failures (the main job)"
    static let about = """
        Usage: k8sfv fuzz [OPTIONS]

        Generates random Kubernetes scenarios, applies them to a target step by step, and checks
        every property after every step against the oracle. Each new failure is shrunk to a
        minimal reproducer and written to the output directory the moment it is ready.
        """

    static var options: [OptionDeclaration] {
        FuzzOptions.declarations
            + [.flag("--list-injections", "list the injectable bugs and exit")]
            + LiveCampaignOptions.declarations
    }

    static let notes = """
        Sequence i of seed S is the same on any machine and in any worker: worker w of W in
        shard s of S' runs the indices congruent to s + S'·w modulo S'·W. A crash or hang of
        the target fails only its sequence (property target-error, kind crash or timeout),
        which is shrunk in separate processes. SIGINT or SIGTERM stops cleanly: every
        reproducer found is on disk and the state can be resumed. With --target live the
        campaign runs in this process (one cluster, one Felix: no workers).

        Exit status: 0 no property failed, 1 a property failed, 2 bad usage, 3 the live
        environment failed (API server down, namespaces stuck terminating, no Felix stream;
        retried 3 times 5 s apart first, never saved as a reproducer), 4 an internal error
        (a bug in k8sfv), 130 interrupted.
        """

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        if try arguments.flag("--list-injections") {
            try arguments.finish()
            for bug in InjectedBug.allCases.sorted() {
                io.print(bug.rawValue.padding(toLength: 36, withPad: " ", startingAt: 0) + bug.summary)
            }
            return ExitCode.ok
        }
        let options = try FuzzOptions.parse(&arguments)
        // Scenarios cannot write Calico resources yet (issue 16), so a campaign cannot show these.
        for bug in options.target.injections.sorted() where bug.needsCalicoResources {
            io.error("note: --inject \(bug.rawValue) needs Calico resources, which generated scenarios do not write yet; this campaign cannot show it")
        }
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
