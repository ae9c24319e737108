// Reproducers in seeds/ give the same verdict through the live path (KubeStandIn +
// felix-sim with the file's injected bugs, the live writer making each change as a
// Kubernetes client would) as on the model: the same pass/fail and, for a failure, the same
// kind of difference. Every file, by default. Before the live writer realised relabels as
// updates and terminations as graceful deletes, labelChangeIgnoresExistence and
// terminatingPodTreatedAsFinished passed live; before step fences (LiveFence), a step's writes
// could split across two felix-sim flushes under load and reAddedIPSetSentAsDelta passed live
// by chance; before a per-run felix-sim, endpointsBeforeInSync could not show live at all
// (LiveParity.bugsSeenOnlyBeforeInSync: the files with such a bug get a felix-sim of their own,
// started once the initial objects exist; every other file one that was in sync before).

import CalcGraph
import Campaign
import Driver
import Foundation
import KubeStandIn
import Live
import Testing

@Suite("seeds/: the same verdict on the model and live", .serialized,
       .enabled(if: LivePathSupport.k8sfv != nil, LivePathSupport.skipReason))
struct SeedLiveParityTests {
    /// Lanes: each has its own stand-in (a felix-sim sees every pod on its API server) and
    /// runs its files one after another; the live path mostly waits, so lanes overlap well.
    static let lanes = 3

    @Test func everySeedGivesTheModelsVerdictLive() async throws {
        let k8sfv = LivePathSupport.k8sfv ?? ""
        let corpus = SeedCorpusTests.corpus
        #expect(corpus.count >= 20)
        let standIns = try (0..<Self.lanes).map { _ in try KubeStandIn.start(options: StandInOptions(namespaceDeletionDelaySeconds: 0.2)) }
        defer { for standIn in standIns { standIn.stop() } }
        let lanes = standIns.count
        let (mismatches, checked) = try await LivePathSupport.onThread { () -> ([String], Int) in
            let lock = NSLock()
            nonisolated(unsafe) var problems: [String] = []
            nonisolated(unsafe) var count = 0
            nonisolated(unsafe) var thrown: (any Error)?
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                do {
                    let standIn = standIns[lane]
                    for (index, url) in corpus.enumerated() where index % lanes == lane {
                        let reproducer = try Reproducer.load(from: url)
                        let injections = try TargetSpec.injections(named: reproducer.injectedBugs)
                        let model = Replayer.replay(reproducer.scenario, runs: 1) { ModelTarget(injections: injections) }
                        let harness = try LiveHarness(
                            server: standIn.baseURL, felixSim: LivePathSupport.felixSim(k8sfv), runID: "seeds-\(index)", injections: injections,
                            convergenceDeadline: 5, quietLimit: 1, stepFences: true,
                            felixPerRun: !injections.isDisjoint(with: LiveParity.bugsSeenOnlyBeforeInSync))
                        let target = harness.target
                        let live = Replayer.replay(reproducer.scenario, runs: 1) { target }
                        try? harness.close()
                        lock.withLock { count += 1 }
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
            return (problems.sorted(), count)
        }
        #expect(checked == corpus.count, "every file in seeds/ was replayed on both sides")
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}
