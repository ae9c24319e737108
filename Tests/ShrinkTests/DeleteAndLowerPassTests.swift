import Testing
@testable import Gen
@testable import Shrink

/// The delete-and-lower pass alone: a list whose values index into it.
@Suite struct DeleteAndLowerPassTests {
    static let list = Gen.int(in: 0...10).array(count: 0...20)

    /// The coupling property: some i with ls[i] ≠ i and ls[ls[i]] == i (values below the length).
    static func coupled(_ list: [Int]) -> Bool {
        guard list.allSatisfy({ $0 < list.count }) else { return false }
        return list.indices.contains { list[$0] != $0 && list[list[$0]] == $0 }
    }

    @Test func deletesAnElementWhileLoweringIndicesPastIt() throws {
        // [0, 2, 1]: no element can be deleted alone, no value lowered alone.
        let initial: ChoiceSequence = [1, 0, 1, 2, 1, 1, 0]
        let alone = try ShrinkPassTests.shrink(Self.list, from: initial, with: DeleteSpansPass(), fails: Self.coupled)
        #expect(alone == [0, 2, 1], "plain deletion is stuck")
        let shrunk = try ShrinkPassTests.shrink(Self.list, from: initial, with: DeleteAndLowerPass(), fails: Self.coupled)
        #expect(shrunk == [1, 0])
    }

    @Test func removesSeveralLeadingElementsOneAtATime() throws {
        // [0, 0, 0, 0, 5, 4]
        let initial: ChoiceSequence = [1, 0, 1, 0, 1, 0, 1, 0, 1, 5, 1, 4, 0]
        let shrunk = try ShrinkPassTests.shrink(Self.list, from: initial, with: DeleteAndLowerPass(), fails: Self.coupled)
        #expect(shrunk == [1, 0])
    }

    @Test func leavesListsWhoseValuesAreNotIndicesAlone() throws {
        // Every element matters (the sum must reach 6): nothing can go, whatever is lowered.
        let initial: ChoiceSequence = [1, 3, 1, 3, 0]
        let shrunk = try ShrinkPassTests.shrink(Self.list, from: initial, with: DeleteAndLowerPass()) { $0.reduce(0, +) >= 6 }
        #expect(shrunk == [3, 3])
    }
}
