import Foundation
import Shrink

// `bench shrink-challenge`: the public shrinking challenge (jlink/shrinking-challenge) run over
// many seeds by Shrink's ShrinkingChallenge, printed beside Hypothesis's published figures.
// Hypothesis figures, as summarised in /work/shared/spec/pbt-anchors.md §2.4 and §3b:
// - "jlink": jlink/shrinking-challenge:pbt-libraries/hypothesis/challenges/<name>.md,
//   Hypothesis 5.23.11, "✓" = normalises to the best-known minimum; (n) = mean evaluations.
// - "ECOOP": mc-imperial/hypothesis-ecoop-2020-artifact, smartcheck-benchmarks/data/evaluations,
//   1000 runs per challenge: distinct results / top result's share / mean evaluations.
// Cost: seeds × 13 shrinks.

struct ChallengeBenchRow: Codable, Hashable, Sendable {
    var problem: String
    var bestKnown: String
    var seeds: Int
    var found: Int
    var reachedBestKnown: Int
    var distinctResults: Int
    var topResult: String
    var meanEvaluations: Double
    var maxEvaluations: Int
    var notFailing: Int
    var hypothesis: String
    var hypothesisSource: String
}

enum BenchShrinkChallenge {
    /// Hypothesis's published result per problem: (figure, source).
    static let hypothesis: [String: (String, String)] = [
        "bound5": ("✓ ([],[],[],[-1],[-32768]) (137) on max-size-1 lists; full lists: 225 distinct, top 44.5%, 115.9 evals", "jlink; ECOOP"),
        "large union list": ("✓ [[0,1,-1,2,-2]] (341)", "jlink"),
        "reverse": ("✓ [0,1] (46); 1 distinct, 100%, 53.8 evals", "jlink; ECOOP"),
        "calculator": ("✓ (/ 0 (+ 0 0)) (341); 2 distinct, top 71.6%, 200.4 evals", "jlink; ECOOP"),
        "length list": ("✓ [900] (85)", "jlink"),
        "difference: must not be zero": ("not implemented", "jlink"),
        "difference: must not be small": ("not implemented", "jlink"),
        "difference: must not be one": ("not implemented", "jlink"),
        "binheap": ("7 distinct, top (4-node heap) 51%, 187.2 evals", "ECOOP"),
        "coupling": ("9 distinct, top [1,0] 75.7%, 133.5 evals", "ECOOP"),
        "deletion": ("1 distinct ([0,0],0) 100%, 81.4 evals", "ECOOP"),
        "distinct": ("1 distinct [0,1,-1] 100%, 98.1 evals", "ECOOP"),
        "nested lists": ("1 distinct (one list of 11) 100%, 87.7 evals", "ECOOP"),
    ]

    /// Hypothesis 6.155.2 measured on this kind of machine, 100 runs per problem, uncapped
    /// problems (pbt-anchors.md §3c): (share at the best-known minimum, distinct results,
    /// mean test cases in the shrink phase).
    static let hypothesis6155: [String: (hit: Int, distinct: Int, testCases: Double)] = [
        "bound5": (84, 4, 355.6), "large union list": (100, 1, 189.6), "reverse": (100, 1, 8.8),
        "calculator": (100, 1, 82.4), "length list": (100, 1, 89.0), "difference: must not be zero": (100, 1, 26.1),
        "difference: must not be small": (100, 1, 39.7), "difference: must not be one": (100, 1, 35.6),
        "binheap": (40, 6, 132.4), "coupling": (28, 32, 36.6), "deletion": (99, 1, 6.1), "distinct": (100, 1, 34.1),
        "nested lists": (100, 1, 28.8),
    ]

    static func run(seeds: Int) -> [ChallengeBenchRow] {
        let budget = ShrinkBudget(maxEvaluations: 10_000, maxSeconds: 30)
        // The 13 faithful ports, then the capped variants measured before them as extra rows.
        let rows = ShrinkingChallenge.run(seeds: seeds, budget: budget)
            + ShrinkingChallenge.cappedProblems.map { ShrinkingChallenge.row(for: $0, seeds: seeds, budget: budget) }
        return rows.map { row in
            let published = hypothesis[row.problem] ?? ("no published figure", "-")
            return ChallengeBenchRow(
                problem: row.problem, bestKnown: row.bestKnown, seeds: row.seeds, found: row.found,
                reachedBestKnown: row.reachedBestKnown, distinctResults: row.distinctResults, topResult: row.topResult,
                meanEvaluations: row.meanEvaluations, maxEvaluations: row.maxEvaluations, notFailing: row.notFailing,
                hypothesis: published.0, hypothesisSource: published.1)
        }
    }

    static func text(_ rows: [ChallengeBenchRow]) -> String {
        var table = BenchTable(
            ["problem", "found", "reached best", "distinct", "mean evals", "max evals", "H 6.155.2 hit", "H distinct",
             "H mean test cases", "ours/H", "top result", "Hypothesis (published)"],
            rightAligned: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        for r in rows {
            let share = r.found == 0 ? 0 : Double(r.reachedBestKnown) * 100 / Double(r.found)
            table.add([
                r.problem, "\(r.found)/\(r.seeds)", String(format: "%.0f%%", share), String(r.distinctResults),
                String(format: "%.1f", r.meanEvaluations), String(r.maxEvaluations),
                hypothesis6155[r.problem].map { "\($0.hit)%" } ?? "-",
                hypothesis6155[r.problem].map { String($0.distinct) } ?? "-",
                hypothesis6155[r.problem].map { String(format: "%.1f", $0.testCases) } ?? "-",
                hypothesis6155[r.problem].map { String(format: "%.1f×", r.meanEvaluations / $0.testCases) } ?? "-",
                shortened(r.topResult, 34),
                r.hypothesis + " [\(r.hypothesisSource)]",
            ])
        }
        var lines = [table.text]
        let broken = rows.filter { $0.notFailing > 0 }
        if !broken.isEmpty {
            lines.append("WARNING: shrunk results that no longer fail: " + broken.map(\.problem).joined(separator: ", "))
        }
        lines.append(
            "H 6.155.2 = Hypothesis 6.155.2 measured on this kind of machine, 100 runs, uncapped problems, test cases in the "
                + "shrink phase (pbt-anchors.md §3c). The first 13 rows are the faithful ports; rows with a cap in their name are "
                + "the capped variants measured before (Sources/Shrink/Challenge). Ours: test-function calls after the first "
                + "failure, cache hits free.\n"
                + "Hypothesis sources: jlink = jlink/shrinking-challenge pbt-libraries/hypothesis reports (Hypothesis 5.23.11); "
                + "ECOOP = mc-imperial/hypothesis-ecoop-2020-artifact, 1000 runs (summary in docs/benchmarks.md).")
        return lines.joined(separator: "\n")
    }

    static func shortened(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
