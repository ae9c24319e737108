// The live shrink of `bench shrink-live` on one bug, small enough for every `swift test`:
// memberNotRefCounted's first failing sequence (seed 1) is cut to 7 steps for free, and only
// live evaluations can take it to its 1-step minimum, so a live path that never failed (or
// failed differently) would leave it at 7. The live target waits longer than the bench's
// (2 s of silence, not 0.3 s) so a loaded machine does not turn a slow answer into a
// different failure.

import CalcGraph
import Campaign
import Driver
import Foundation
import KubeStandIn
import Shrink
import Testing

@Suite("Live shrink (stand-in + felix-sim)", .serialized, .enabled(if: LivePathSupport.k8sfv != nil, LivePathSupport.skipReason))
struct LiveShrinkBenchTests {
    @Test("a live shrink with a few evaluations reaches the model's minimum for memberNotRefCounted")
    func liveShrinkReachesModelMinimum() async throws {
        let k8sfv = try #require(LivePathSupport.k8sfv)
        let standIn = try KubeStandIn.start(options: StandInOptions(namespaceDeletionDelaySeconds: 0.2))
        defer { standIn.stop() }
        let budget = ShrinkBudget(maxEvaluations: 4, maxSeconds: 120)
        let row = try await LivePathSupport.onThread {
            try LiveShrinkBench.row(bug: .memberNotRefCounted, seed: 1, budget: budget, standIn: standIn, felixSim: LivePathSupport.felixSim(k8sfv),
                convergenceDeadline: 10, quietLimit: 2)
        }
        #expect(row.note == nil, "\(row.note ?? "")")
        let found = try #require(row.foundAtSteps)
        let live = try #require(row.shrunkSteps)
        #expect(live < found)
        #expect(row.model.shrunkSteps == 1)
        #expect(live == row.model.shrunkSteps)
        #expect(row.atModelMinimum)
        #expect(row.failsOnModel == true)
        #expect((row.evaluations ?? .max) <= budget.maxEvaluations)
        #expect(row.liveSignature != nil)
    }
}
