// Shrinking-challenge problems over lists: reverse, length list, distinct, large union list,
// nested lists, coupling, deletion. Definitions and best-known minima:
// jlink/shrinking-challenge:challenges/{reverse,lengthlist,distinct,large_union_list,
// nestedlists,coupling,deletion}.md.
import Gen

extension ShrinkingChallenge {
    /// Unbounded-ish integers, as the challenges' "int".
    static let anyInt = Gen.int(in: Int.min...Int.max)

    static let reverse = ChallengeProblem(
        name: "reverse", bestKnown: "[0, 1]", generator: anyInt.array(count: 0...100),
        render: ChallengeRendering.list, isBestKnown: { $0 == [0, 1] },
        holds: { Array($0.reversed()) == $0 })

    static let lengthList = ChallengeProblem(
        name: "length list", bestKnown: "[900]",
        generator: Gen.int(in: 1...100).flatMap { n in Gen.int(in: 0...1_000).array(count: n...n) },
        render: ChallengeRendering.list, isBestKnown: { $0 == [900] },
        holds: { ($0.max() ?? 0) < 900 })

    static let distinct = ChallengeProblem(
        name: "distinct", bestKnown: "[0, 1, -1] or [0, 1, 2]", generator: anyInt.array(count: 0...100),
        render: ChallengeRendering.list, isBestKnown: { $0 == [0, 1, -1] || $0 == [0, 1, 2] },
        holds: { Set($0).count < 3 })

    static func largeUnionList(name: String = "large union list", lengths: ClosedRange<Int> = 0...100) -> ChallengeProblem {
        ChallengeProblem(
            name: name, bestKnown: "[[0, 1, -1, 2, -2]]",
            generator: anyInt.array(count: lengths).array(count: lengths),
            render: ChallengeRendering.lists, isBestKnown: { $0 == [[0, 1, -1, 2, -2]] },
            holds: { Set($0.joined()).count < 5 })
    }

    /// Lists of lists of `just(0)`: the inner elements draw no choice, only the lists' lengths
    /// do. The challenge text shows ten zeros; eleven are needed to exceed 10 (a known typo).
    static let nestedLists = ChallengeProblem(
        name: "nested lists", bestKnown: "[[0 ×11]]",
        generator: Gen.constant(0).array(count: 0...100).array(count: 0...100),
        render: ChallengeRendering.lists, isBestKnown: { $0 == [Array(repeating: 0, count: 11)] },
        holds: { $0.map(\.count).reduce(0, +) <= 10 })

    /// The capped variant measured before the faithful port: inner elements are any Int.
    static let nestedListsOfInts = ChallengeProblem(
        name: "nested lists (of Int, ≤ 20 × 20)", bestKnown: "[[0 ×11]]",
        generator: anyInt.array(count: 0...20).array(count: 0...20),
        render: ChallengeRendering.lists, isBestKnown: { $0 == [Array(repeating: 0, count: 11)] },
        holds: { $0.map(\.count).reduce(0, +) <= 10 })

    /// For a list whose values are all below its length: i ≠ ls[i] implies ls[ls[i]] ≠ i.
    static func coupling(name: String = "coupling", lengths: ClosedRange<Int> = 0...100) -> ChallengeProblem {
        ChallengeProblem(
            name: name, bestKnown: "[1, 0]", generator: Gen.int(in: 0...10).array(count: lengths),
            render: ChallengeRendering.list,
            precondition: { list in list.allSatisfy { $0 < list.count } },
            isBestKnown: { $0 == [1, 0] },
            holds: { list in list.indices.allSatisfy { i in list[i] == i || list[list[i]] != i } })
    }

    /// Removing the element at index i (a first occurrence) leaves no copy of it. The index is
    /// any Int (the challenge's unbounded integer); examples with it outside the list are
    /// discarded, as the challenge's `assume`.
    static func deletion(name: String = "deletion", index: Gen<Int> = anyInt, lengths: ClosedRange<Int> = 0...100) -> ChallengeProblem {
        ChallengeProblem(
            name: name, bestKnown: "([0, 0], 0)", maxExamples: 20_000,
            generator: Gen.zip(anyInt.array(count: lengths), index).map { DeletionCase(list: $0.0, index: $0.1) },
            render: { "(\(ChallengeRendering.list($0.list)), \($0.index))" },
            precondition: { $0.list.indices.contains($0.index) },
            isBestKnown: { $0.list == [0, 0] && $0.index == 0 },
            holds: { test in
                var rest = test.list
                let removed = rest.remove(at: test.index)
                return !rest.contains(removed)
            })
    }

    struct DeletionCase: Sendable { var list: [Int]; var index: Int }
}
