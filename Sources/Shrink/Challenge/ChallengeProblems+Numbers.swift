// Shrinking-challenge problems over numbers: bound5 and the three difference tests.
// Definitions and best-known minima: jlink/shrinking-challenge:challenges/{bound5,difference}.md.
import Gen

extension ShrinkingChallenge {
    /// Five lists of Int16, each summing (Int16, wrapping) below 256; claim: the wrapping total
    /// is below 5 × 256. False by overflow. Best known `([-32768], [-1], [], [], [])`, in any
    /// positions. The challenge's lists have any length; 0…100 here.
    static func bound5(name: String = "bound5", lengths: ClosedRange<Int> = 0...100) -> ChallengeProblem {
        let list = Gen.int(in: Int(Int16.min)...Int(Int16.max)).array(count: lengths)
            .filter({ wrappingSum($0) < 256 }, maxDiscards: 100, label: "bound5 list")
        return ChallengeProblem(
            name: name, bestKnown: "([-32768], [-1], [], [], []) in any order",
            generator: Gen.zip(list, list, list, list, list).map { [$0.0, $0.1, $0.2, $0.3, $0.4] },
            render: { "(" + $0.map(ChallengeRendering.list).joined(separator: ", ") + ")" },
            isBestKnown: { lists in
                lists.filter(\.isEmpty).count == 3 && lists.filter { !$0.isEmpty }.map(\.self).sorted { $0[0] < $1[0] } == [[-32768], [-1]]
            },
            holds: { lists in wrappingSum(lists.flatMap { $0 }) < 5 * 256 })
    }

    static func wrappingSum(_ values: [Int]) -> Int16 {
        values.reduce(Int16(0)) { $0 &+ Int16(truncatingIfNeeded: $1) }
    }

    /// Two integers in 1…2^31−1 (the challenge's positive 32-bit integers); the test fails when
    /// x ≥ 10 and |x − y| is in `failing`.
    static func difference(_ name: String, best: [Int], failing: @escaping @Sendable (Int) -> Bool) -> ChallengeProblem {
        ChallengeProblem(
            name: "difference: \(name)", bestKnown: ChallengeRendering.list(best), maxExamples: 5_000,
            generator: Gen.zip(Gen.int(in: 1...Int(Int32.max)), Gen.int(in: 1...Int(Int32.max))).map { [$0.0, $0.1] },
            render: ChallengeRendering.list, isBestKnown: { $0 == best },
            holds: { pair in pair[0] < 10 || !failing(abs(pair[0] - pair[1])) })
    }

    static let differenceZero = difference("must not be zero", best: [10, 10]) { $0 == 0 }
    static let differenceSmall = difference("must not be small", best: [10, 6]) { (1...4).contains($0) }
    static let differenceOne = difference("must not be one", best: [10, 9]) { $0 == 1 }
}
