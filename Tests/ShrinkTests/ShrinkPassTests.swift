import Foundation
import Testing
@testable import Gen
@testable import Shrink

/// Each pass alone, on an example built so that it (and not another pass) can make progress.
@Suite struct ShrinkPassTests {
    /// Shrinks the value generated from `initial` with only `pass`, returning the shrunk value.
    static func shrink<Value>(_ generator: Gen<Value>, from initial: ChoiceSequence, with pass: any ShrinkPass,
                              fails: @escaping (Value) -> Bool) throws -> Value {
        let shrinker = Shrinker<String>(generator, passes: [pass]) { fails($0) ? "fail" : nil }
        let result = try #require(shrinker.shrink(initial))
        return try generator.replay(result.best).value
    }

    static let smallInts = Gen.int(in: 0...100)
    static let list = smallInts.array(count: 0...10)

    @Test func deleteSpansRemovesWholeElements() throws {
        // [3, 7, 2, 9] with continue flags.
        let shrunk = try Self.shrink(Self.list, from: [1, 3, 1, 7, 1, 2, 1, 9, 0], with: DeleteSpansPass()) { $0.contains { $0 >= 5 } }
        #expect(shrunk.count == 1 && shrunk[0] >= 5)
    }

    @Test func deleteRunsRemovesBlocksOfRawChoices() throws {
        let shrinker = Shrinker<String>(passes: [DeleteRunsPass()]) { candidate in
            let recording = ChoiceRecording(sequence: candidate, spans: [])
            return candidate.values.contains(7) ? .failed("has 7", recording) : .passed(recording)
        }
        let result = try #require(shrinker.shrink(ChoiceSequence([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])))
        #expect(result.best == [7])
    }

    @Test func zeroSpansReplacesASpanByItsSimplestForm() throws {
        let pair = Gen.zip(Self.list.labelled("first"), Self.smallInts.labelled("second"))
        // first = [40, 50], second = 60; only `second` matters.
        let shrunk = try Self.shrink(pair, from: [1, 40, 1, 50, 0, 60], with: ZeroSpansPass()) { $0.1 > 3 }
        #expect(shrunk.0 == [] && shrunk.1 == 60, "the list span became its one-choice simplest form")
    }

    indirect enum Tree: Equatable, Sendable { case leaf(Int), node(Tree, Tree) }
    static let tree = Gen<Tree>.recursive(maxDepth: 4, base: Self.smallInts.map(Tree.leaf)) { child in
        Gen.zip(child, child).map { Tree.node($0.0, $0.1) }
    }
    static func hasBigLeaf(_ tree: Tree) -> Bool {
        switch tree { case .leaf(let v): v >= 5; case .node(let l, let r): hasBigLeaf(l) || hasBigLeaf(r) }
    }

    @Test func hoistDescendantReplacesASubtreeByItsChild() throws {
        // node(node(leaf 1, leaf 9), leaf 2)
        let initial: ChoiceSequence = [1, 1, 0, 1, 0, 9, 0, 2]
        #expect(try Self.tree.replay(initial).value == .node(.node(.leaf(1), .leaf(9)), .leaf(2)))
        let shrunk = try Self.shrink(Self.tree, from: initial, with: HoistDescendantPass(), fails: Self.hasBigLeaf)
        #expect(shrunk == .leaf(9))
    }

    @Test func minimiseChoicesBinarySearchesTowardZero() throws {
        let shrunk = try Self.shrink(Self.smallInts, from: [90], with: MinimiseChoicesPass()) { $0 >= 37 }
        #expect(shrunk == 37)
    }

    @Test func lowerDuplicatesLowersEqualChoicesTogether() throws {
        let pair = Gen.zip(Self.smallInts, Self.smallInts)
        let shrunk = try Self.shrink(pair, from: [50, 50], with: LowerDuplicatesPass()) { $0.0 == $0.1 && $0.0 > 0 }
        #expect(shrunk == (1, 1))
        let alone = try Self.shrink(pair, from: [50, 50], with: MinimiseChoicesPass()) { $0.0 == $0.1 && $0.0 > 0 }
        #expect(alone == (50, 50), "one at a time cannot move")
    }

    @Test func lowerTogetherKeepsADifference() throws {
        let pair = Gen.zip(Self.smallInts, Self.smallInts)
        let shrunk = try Self.shrink(pair, from: [60, 57], with: LowerTogetherPass()) { $0.0 - $0.1 == 3 && $0.1 > 0 }
        #expect(shrunk == (4, 1))
    }

    @Test func redistributePairsMovesAmountToTheLaterChoice() throws {
        let pair = Gen.zip(Self.smallInts, Self.smallInts)
        let shrunk = try Self.shrink(pair, from: [60, 70], with: RedistributePairsPass()) { $0.0 + $0.1 >= 100 }
        #expect(shrunk == (0, 100))
    }

    @Test func sortSiblingsOrdersElements() throws {
        let shrunk = try Self.shrink(Self.list, from: [1, 9, 1, 1, 1, 5, 0], with: SortSiblingSpansPass()) { $0.count == 3 }
        #expect(shrunk == [1, 5, 9])
    }

    @Test func swapAdjacentFindsWhatSortingCannot() throws {
        let firstAboveLast: ([Int]) -> Bool = { $0.count == 3 && $0[0] > $0[2] }
        let initial: ChoiceSequence = [1, 9, 1, 5, 1, 1, 0]
        #expect(try Self.shrink(Self.list, from: initial, with: SortSiblingSpansPass(), fails: firstAboveLast) == [9, 5, 1])
        #expect(try Self.shrink(Self.list, from: initial, with: SwapAdjacentSpansPass(), fails: firstAboveLast) == [5, 9, 1])
    }
}
