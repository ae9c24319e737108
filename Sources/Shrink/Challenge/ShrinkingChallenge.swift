// ShrinkingChallenge: runs the eleven problems (thirteen tests: difference ×3) of the public
// shrinking challenge (jlink/shrinking-challenge) over many seeds and summarises quality the
// way the challenge and the ECOOP 2020 artifact do: share reaching the best-known minimum,
// distinct results (normalisation), evaluations (cost). Cost: seeds × problems shrinks.
import Foundation
import Gen

/// One line of the challenge table.
public struct ChallengeRow: Hashable, Sendable {
    public var problem: String
    public var bestKnown: String
    public var seeds: Int
    /// Seeds where a failure was found at all.
    public var found: Int
    /// Seeds whose shrunk result is the best-known minimum.
    public var reachedBestKnown: Int
    /// Number of different shrunk results (1 = fully normalised).
    public var distinctResults: Int
    /// The most frequent result and how many seeds produced it.
    public var topResult: String
    public var topCount: Int
    public var meanEvaluations: Double
    public var maxEvaluations: Int
    public var budgetExhausted: Int
    /// Seeds whose shrunk result no longer failed (must be 0).
    public var notFailing: Int

    public var shareReachingBestKnown: Double { found == 0 ? 0 : Double(reachedBestKnown) / Double(found) }
}

public enum ShrinkingChallenge {
    /// All problems, faithful ports, in the challenge's order.
    public static var problems: [ChallengeProblem] {
        [bound5(), largeUnionList(), reverse, calculator, lengthList, differenceZero, differenceSmall,
         differenceOne, binheap, coupling(), deletion(), distinct, nestedLists]
    }

    /// The capped variants measured before the faithful ports (smaller lengths and ranges),
    /// kept as extra rows to compare with earlier figures.
    public static var cappedProblems: [ChallengeProblem] {
        [bound5(name: "bound5 (lists ≤ 10)", lengths: 0...10),
         largeUnionList(name: "large union list (≤ 20 × 20)", lengths: 0...20),
         calculatorCapped, binheapCapped,
         coupling(name: "coupling (length ≤ 20)", lengths: 0...20),
         deletion(name: "deletion (index 0…10, length ≤ 20)", index: Gen.int(in: 0...10), lengths: 0...20),
         nestedListsOfInts]
    }

    /// Runs every problem for seeds 0..<seeds.
    public static func run(seeds: Int, budget: ShrinkBudget = ShrinkBudget(maxEvaluations: 10_000, maxSeconds: 30),
                           passes: [any ShrinkPass] = ShrinkPasses.standard) -> [ChallengeRow] {
        problems.map { row(for: $0, seeds: seeds, budget: budget, passes: passes) }
    }

    public static func row(for problem: ChallengeProblem, seeds: Int, budget: ShrinkBudget,
                           passes: [any ShrinkPass] = ShrinkPasses.standard) -> ChallengeRow {
        let attempts = (0..<seeds).map { problem.attempt(seed: UInt64($0), budget: budget, passes: passes) }.filter(\.found)
        var counts: [String: Int] = [:]
        for attempt in attempts { counts[attempt.rendered, default: 0] += 1 }
        let top = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.first
        let evaluations = attempts.map(\.evaluations)
        return ChallengeRow(
            problem: problem.name, bestKnown: problem.bestKnown, seeds: seeds, found: attempts.count,
            reachedBestKnown: attempts.filter(\.reachedBestKnown).count, distinctResults: counts.count,
            topResult: top?.key ?? "-", topCount: top?.value ?? 0,
            meanEvaluations: evaluations.isEmpty ? 0 : Double(evaluations.reduce(0, +)) / Double(evaluations.count),
            maxEvaluations: evaluations.max() ?? 0,
            budgetExhausted: attempts.filter(\.budgetExhausted).count,
            notFailing: attempts.filter { !$0.stillFails }.count)
    }

    /// A Markdown table of `run(seeds:)`.
    public static func report(seeds: Int, budget: ShrinkBudget = ShrinkBudget(maxEvaluations: 10_000, maxSeconds: 30)) -> String {
        report(rows: run(seeds: seeds, budget: budget))
    }

    /// A Markdown table of rows already computed.
    public static func report(rows: [ChallengeRow]) -> String {
        var lines = [
            "| problem | best known | found | reached best | distinct | top result (count) | mean evals | max evals | budget hit |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in rows {
            let share = String(format: "%.0f%%", row.shareReachingBestKnown * 100)
            let mean = String(format: "%.1f", row.meanEvaluations)
            lines.append("| \(row.problem) | `\(row.bestKnown)` | \(row.found)/\(row.seeds) | \(share) | \(row.distinctResults) | `\(row.topResult)` (\(row.topCount)) | \(mean) | \(row.maxEvaluations) | \(row.budgetExhausted) |")
        }
        return lines.joined(separator: "\n")
    }
}
