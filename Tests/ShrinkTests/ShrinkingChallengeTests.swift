import Foundation
import Testing
@testable import Gen
@testable import Shrink

/// The shrinking challenge (jlink/shrinking-challenge) over a handful of seeds per problem.
@Suite struct ShrinkingChallengeTests {
    static let seeds: [UInt64] = [0, 1, 2, 3, 4]

    /// Every faithful port reaches its best-known minimum on every seed tried (no problem is
    /// exempt). The capped variants are benchmark rows only (capped binheap: 46% of 100 seeds).
    @Test(arguments: ShrinkingChallenge.problems.map(\.name))
    func problemShrinksToTheBestKnownMinimum(_ name: String) throws {
        let problem = try #require(ShrinkingChallenge.problems.first { $0.name == name })
        for seed in Self.seeds {
            let attempt = problem.attempt(seed: seed)
            #expect(attempt.found, "\(name) seed \(seed): no failure found in \(problem.maxExamples) examples")
            guard attempt.found else { continue }
            #expect(attempt.stillFails, "\(name) seed \(seed): shrunk \(attempt.rendered) no longer fails")
            #expect(!attempt.budgetExhausted, "\(name) seed \(seed): budget ran out, not a local minimum")
            #expect(attempt.reachedBestKnown, "\(name) seed \(seed): got \(attempt.rendered), best known \(problem.bestKnown)")
        }
    }

    /// Thirteen faithful problems, and capped variants under names of their own.
    @Test func faithfulPortsAndCappedVariantsAreDistinctRows() {
        let names = (ShrinkingChallenge.problems + ShrinkingChallenge.cappedProblems).map(\.name)
        #expect(ShrinkingChallenge.problems.count == 13 && Set(names).count == names.count)
    }

    @Test func rowsSummariseSeeds() {
        let row = ShrinkingChallenge.row(for: ShrinkingChallenge.reverse, seeds: 3, budget: ShrinkBudget())
        #expect(row.found == 3 && row.reachedBestKnown == 3 && row.distinctResults == 1 && row.topResult == "[0, 1]")
        #expect(row.maxEvaluations >= Int(row.meanEvaluations) && row.meanEvaluations > 0)
    }
}
