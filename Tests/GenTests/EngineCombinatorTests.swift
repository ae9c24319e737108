import Foundation
import Testing
@testable import Gen

@Suite struct EngineCombinatorTests {
    @Test func intZeroChoicesGiveTheValueClosestToZero() throws {
        #expect(try Gen.int(in: 5...9).replay([]).value == 5)
        #expect(try Gen.int(in: -9 ... -5).replay([]).value == -5)
        let zero = try Gen.int(in: -9...9).replay([])
        #expect(zero.value == 0 && zero.recording.sequence == [0, 0], "magnitude and sign are always drawn")
        // Magnitude then sign (0 = positive).
        #expect(try Gen.int(in: -9...9).replay([3, 0]).value == 3)
        #expect(try Gen.int(in: -9...9).replay([3, 1]).value == -3)
        // Asymmetric: magnitude 32768 of an Int16 range can only be negative, no sign drawn.
        let int16 = try Gen.int(in: -32768...32767).replay([32768, 0])
        #expect(int16.value == -32768)
        #expect(try Gen.int(in: -32768...32767).replay([32768, 1]).value == -32768)
        #expect(try Gen.int(in: Int.min...Int.max).replay([UInt64(1) << 63]).value == Int.min)
        #expect(try Gen.int(in: Int.min...Int.max).replay([UInt64(Int.max), 0]).value == Int.max)
    }

    @Test func intStaysInRangeWhenGenerating() throws {
        for seed in UInt64(0)..<300 {
            #expect((-7...300).contains(try Gen.int(in: -7...300).generate(seed: seed).value))
            #expect((Int.min ... -2).contains(try Gen.int(in: Int.min ... -2).generate(seed: seed).value))
            #expect((0..<3).contains(try Gen.int(in: 0..<3).generate(seed: seed).value))
        }
        #expect(throws: GenerationFailure.self) { try Gen.int(in: 0..<0).generate(seed: 1) }
    }

    @Test func mapAndFlatMap() throws {
        let doubled = Gen.int(in: 0...10).map { $0 * 2 }
        #expect(try doubled.replay([4]).value == 8)
        let dependent = Gen.int(in: 1...3).flatMap { n in Gen.int(in: 0...9).array(count: n...n) }
        let (value, recording) = try dependent.replay([1, 7, 8, 9])
        #expect(value == [7, 8])
        #expect(recording.sequence == [1, 7, 8])
    }

    @Test func zipOfTwoAndMore() throws {
        let two = try Gen.zip(Gen.int(in: 0...9), Gen.bool).replay([4, 1]).value
        #expect(two.0 == 4 && two.1)
        let four = try Gen.zip(Gen.int(in: 0...9), Gen.bool, Gen.constant("x"), Gen.int(in: 0...9)).replay([1, 0, 2]).value
        #expect(four.0 == 1 && !four.1 && four.2 == "x" && four.3 == 2)
        let method = try Gen.int(in: 0...9).zip(Gen.int(in: 0...9)).replay([3, 5]).value
        #expect(method.0 == 3 && method.1 == 5)
    }

    @Test func oneOfFrequencyAndElement() throws {
        let pick = Gen.oneOf(Gen.constant("a"), Gen.constant("b"))
        #expect(try pick.replay([]).value == "a")
        #expect(try pick.replay([1]).value == "b")
        let weighted = Gen.frequency((0, Gen.constant(0)), (5, Gen.constant(1)))
        for seed in UInt64(0)..<50 { #expect(try weighted.generate(seed: seed).value == 1) }
        #expect(try weighted.replay([]).value == 0, "first alternative stays the simplest")
        #expect(try Gen.element(of: [10, 20, 30]).replay([1]).value == 20)
        #expect(throws: GenerationFailure.self) { try Gen<Int>.element(of: []).generate(seed: 1) }
        #expect(throws: GenerationFailure.self) { try Gen.frequency((0, Gen.constant(1))).generate(seed: 1) }
    }

    @Test func arrayUsesContinueFlagsAndRespectsBounds() throws {
        let list = Gen.int(in: 0...9).array(count: 1...3)
        // first element without a flag, then flag 1 + element, then flag 0
        let (value, recording) = try list.replay([4, 1, 5, 0])
        #expect(value == [4, 5])
        #expect(recording.sequence == [4, 1, 5, 0])
        #expect(try list.replay([]).value == [0])
        #expect(try list.replay([1, 1, 2, 1, 3, 1]).value == [1, 2, 3], "no flag after the maximum")
        for seed in UInt64(0)..<200 {
            #expect((1...3).contains(try list.generate(seed: seed).value.count))
        }
        let elements = recording.spans.filter { $0.label == "element" }
        #expect(elements.map(\.range) == [0..<1, 1..<3], "the stop flag is no element")
        let lengths = try (UInt64(0)..<200).map { try Gen.bool.array(count: 0...50).generate(seed: $0).value.count }
        #expect(lengths.max()! > 5)
    }

    @Test func optionalAndBool() throws {
        #expect(try Gen.int(in: 0...9).optional.replay([]).value == nil)
        #expect(try Gen.int(in: 0...9).optional.replay([1, 6]).value == 6)
        #expect(try Gen.bool.replay([1]).value)
        let trues = try (UInt64(0)..<400).filter { try Gen.bool(probability: 0.9).generate(seed: $0).value }.count
        #expect(trues > 300)
    }

    @Test func filterRetriesAndFailsClearlyWhenBudgetRunsOut() throws {
        let even = Gen.int(in: 0...100).filter { $0 % 2 == 0 }
        for seed in UInt64(0)..<50 { #expect(try even.generate(seed: seed).value % 2 == 0) }
        let impossible = Gen.int(in: 0...100).filter({ $0 > 1_000 }, maxDiscards: 10, label: "huge numbers")
        do {
            _ = try impossible.generate(seed: 3)
            Issue.record("expected a GenerationFailure")
        } catch let failure as GenerationFailure {
            #expect(failure.kind == .filterExhausted)
            #expect(failure.message.contains("huge numbers"))
        }
        // Replay of a rejected first attempt moves on to the next attempt.
        #expect(try even.replay([3, 4]).value == 4)
    }

    indirect enum Tree: Equatable, Sendable { case leaf(Int), node(Tree, Tree)
        var depth: Int { if case .node(let l, let r) = self { 1 + max(l.depth, r.depth) } else { 0 } }
    }

    @Test func recursiveRespectsDepthAndLeafIsSimplest() throws {
        let tree = Gen<Tree>.recursive(maxDepth: 3, nodeWeight: 3, base: Gen.int(in: 0...9).map(Tree.leaf)) { child in
            Gen.zip(child, child).map { Tree.node($0.0, $0.1) }
        }
        #expect(try tree.replay([]).value == .leaf(0))
        var deepest = 0
        for seed in UInt64(0)..<200 { deepest = max(deepest, try tree.generate(seed: seed).value.depth) }
        #expect(deepest == 3)
        let recording = try tree.generate(seed: 5).recording
        #expect(recording.spans.contains { $0.label == "recursive" })
    }

    @Test func constantDrawsNothing() throws {
        let (value, recording) = try Gen.constant(7).replay([5])
        #expect(value == 7 && recording.sequence.isEmpty)
    }
}

@Suite struct EngineZipArityTests {
    /// Two to five parts use fixed-arity overloads, six the variadic form: both draw in order.
    @Test func everyArityDrawsLeftToRight() throws {
        let digit = Gen.int(in: 0...9)
        let two = try Gen.zip(digit, digit).replay([1, 2]).value
        #expect(two == (1, 2))
        let five = try Gen.zip(digit, digit, digit, digit, digit).replay([1, 2, 3, 4, 5]).value
        #expect(five == (1, 2, 3, 4, 5))
        let six = try Gen.zip(digit, digit, digit, digit, digit, digit).replay([1, 2, 3, 4, 5, 6]).value
        #expect(six == (1, 2, 3, 4, 5, 6))
    }
}
