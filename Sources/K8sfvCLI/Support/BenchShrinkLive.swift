// `k8sfv bench shrink-live`: every injected bug (or --bugs) found on the model and shrunk
// through the live path, one loopback API stand-in for the whole section and a felix-sim per
// bug started with that bug (LiveShrinkBench). Prints the live budget first, progress on
// stderr while shrinking, and the table with the model's figures beside the live ones.

import CalcGraph
import Campaign
import Driver
import Foundation
import KubeStandIn

enum BenchShrinkLive {
    /// The rows, one per bug; a bug whose live path could not run is a failed section (the
    /// bench then exits non-zero), not a silent gap in the table.
    static func run(options: BenchOptions, io: CommandIO, results: inout BenchResults) -> [LiveShrinkBench.Row] {
        let budget = options.liveShrinkBudget
        io.error(
            "bench shrink-live: live budget per shrink \(budget.maxEvaluations) evaluations or "
                + String(format: "%.0f s", budget.maxSeconds) + " (--live-shrink-evals, --live-shrink-time)")
        setenv("no_proxy", "127.0.0.1,localhost", 1)
        let standIn: KubeStandIn
        do {
            standIn = try KubeStandIn.start(options: StandInOptions(namespaceDeletionDelaySeconds: 0.2))
        } catch {
            results.failedSections.append("shrink-live: the API stand-in did not start: \(error)")
            return []
        }
        defer { standIn.stop() }
        let felixSim = FelixSimCommand.commandLine(executable: LiveSession.currentExecutable())
        var rows: [LiveShrinkBench.Row] = []
        // Only the bugs a Kubernetes-only scenario can reach: the Calico ones (`needsCalicoResources`)
        // are found by the Calico sequences and walks (issue 16), not by a campaign of these scenarios.
        for bug in InjectedBug.kubernetesReachable where options.bugs.isEmpty || options.bugs.contains(bug.rawValue) {
            io.error("bench shrink-live: \(bug.rawValue)…")
            do {
                let row = try LiveShrinkBench.row(
                    bug: bug, seed: options.seed, budget: budget, standIn: standIn, felixSim: felixSim,
                    progress: { [io] in io.error("  " + $0) })
                if let note = row.note { results.failedSections.append("shrink-live \(bug.rawValue): \(note)") }
                io.error(
                    "bench shrink-live: \(bug.rawValue): \(row.shrunkSteps.map { "\($0) step(s)" } ?? "-") live in "
                        + "\(row.evaluations ?? 0) evaluations, " + String(format: "%.1f s", row.seconds ?? 0)
                        + "; model \(row.model.shrunkSteps.map { "\($0) step(s)" } ?? "-")")
                rows.append(row)
            } catch {
                io.error("bench shrink-live: \(bug.rawValue) failed: \(error)")
                results.failedSections.append("shrink-live \(bug.rawValue): \(error)")
            }
        }
        return rows
    }
}
