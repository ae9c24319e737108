// Reproducers in seeds/ give the same verdict through the live path (KubeStandIn +
// felix-sim with the file's injected bugs, the live writer making each change as a
// Kubernetes client would) as on the model: the same pass/fail and, for a failure, the same
// kind of difference. Before the live writer realised relabels as updates and terminations
// as graceful deletes, labelChangeIgnoresExistence and terminatingPodTreatedAsFinished passed
// live. Lean by default (three seeds); K8SFV_LIVE_SEEDS=1 runs the whole corpus in two lanes.

import CalcGraph
import Driver
import Foundation
import KubeStandIn
import Testing

@Suite("seeds/: the same verdict on the model and live", .serialized,
       .enabled(if: LivePathSupport.k8sfv != nil, LivePathSupport.skipReason))
struct SeedLiveParityTests {
    /// Bugs the live path cannot show reliably, and why (docs/injected-bugs.md).
    static let bugsNotShownLive: [String: String] = [
        // The bug needs endpoints to exist before felix-sim's first InSync; a live Felix has
        // been in sync since long before any scenario object exists.
        "endpointsBeforeInSync": "only visible before Felix's first InSync",
        // The removal and re-add must land in one flush; live, the delete, the create and the
        // status write are separate API events, and whether felix-sim coalesces them into one
        // flush depends on timing (16d8ae776e4f failed live alone, passed under load).
        "reAddedIPSetSentAsDelta": "needs remove and re-add in one flush: timing-dependent live",
    ]

    /// Single reproducers the live path does not reproduce yet, and why.
    static let knownLiveGaps: [String: String] = [
        // Live, felix-sim's out-of-order stream shows as a convergence timeout rather than as
        // the stream-integrity violation (reported to the lead: LiveStream's handling).
        "c94e635acb60": "flushOrderEndpointsFirst: violation reported as a timeout live",
    ]

    /// The seeds issue 11 named (they passed live before the writer was fixed); the whole
    /// corpus with K8SFV_LIVE_SEEDS=1 (about 40 s alone, several minutes under the full
    /// suite's load on two cores, where felix-sim's start-up also races the quiet limit).
    static let defaultSeeds: Set<String> = ["34d40cfbede0", "b49affec2ba3", "dc36678fd518"]

    @Test func everySeedGivesTheModelsVerdictLive() async throws {
        let k8sfv = LivePathSupport.k8sfv ?? ""
        let all = ProcessInfo.processInfo.environment["K8SFV_LIVE_SEEDS"] == "1"
        let corpus = SeedCorpusTests.corpus.filter {
            all || Self.defaultSeeds.contains($0.deletingPathExtension().lastPathComponent)
        }
        #expect(corpus.count >= (all ? 1 : Self.defaultSeeds.count))
        // One stand-in per lane: a felix-sim sees every pod on its API server.
        let standIns = try (0..<(all ? 2 : 1)).map { _ in try KubeStandIn.start(options: StandInOptions(namespaceDeletionDelaySeconds: 0.2)) }
        defer { for standIn in standIns { standIn.stop() } }
        // Two lanes, each with its own stand-in and a felix-sim per file: the live path
        // mostly waits, so two lanes overlap well even on two cores.
        let lanes = standIns.count
        let mismatches = try await LivePathSupport.onThread { () -> [String] in
            let lock = NSLock()
            nonisolated(unsafe) var problems: [String] = []
            nonisolated(unsafe) var thrown: (any Error)?
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                do {
                    let standIn = standIns[lane]
                    for (index, url) in corpus.enumerated() where index % lanes == lane {
                        let reproducer = try Reproducer.load(from: url)
                        if Self.knownLiveGaps[reproducer.id] != nil
                            || reproducer.injectedBugs.contains(where: { Self.bugsNotShownLive[$0] != nil }) { continue }
                        let injections = try TargetSpec.injections(named: reproducer.injectedBugs)
                        let model = Replayer.replay(reproducer.scenario, runs: 1) { ModelTarget(injections: injections) }
                        let harness = try LiveHarness(
                            server: standIn.baseURL, k8sfv: k8sfv, runID: "seeds-\(index)", injections: injections,
                            convergenceDeadline: 5, quietLimit: 1)
                        let target = harness.target
                        let live = Replayer.replay(reproducer.scenario, runs: 1) { target }
                        try? harness.close()
                        if live.verdict != model.verdict || live.failure?.kind != model.failure?.kind {
                            let line = "\(url.lastPathComponent) \(reproducer.injectedBugs): model \(model.verdict.rawValue) \(model.failure?.kind ?? ""), live \(live.verdict.rawValue) \(live.failure?.kind ?? "") \(live.failure?.details.prefix(3).joined(separator: " | ") ?? "")"
                            lock.withLock { problems.append(line) }
                        }
                    }
                } catch {
                    lock.withLock { thrown = error }
                }
            }
            if let thrown { throw thrown }
            return problems.sorted()
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}
