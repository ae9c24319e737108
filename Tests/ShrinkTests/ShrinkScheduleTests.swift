import Foundation
import Testing
@testable import Gen
@testable import Shrink

/// The adaptive schedule (productive passes first, every pass again when they stall) and the
/// sibling-run deletion: same minima as every pass in every round, fewer test-function calls.
@Suite struct ShrinkScheduleTests {
    static let list = Gen.int(in: 0...1_000).array(count: 0...100)

    /// A 60-element list where only the element 999 matters.
    static let longList: ChoiceSequence = {
        var values: [UInt64] = []
        for index in 0..<60 { values += [1, index == 40 ? 999 : UInt64(index + 1)] }
        return ChoiceSequence(values + [0])
    }()

    @Test func adaptiveScheduleEndsAtTheSameMinimumWithFewerCalls() throws {
        // Three distinct values in a list of 40 (the challenge's `distinct`): block deletion
        // seldom succeeds here, and the adaptive schedule runs it only once the others stall.
        var random = SplitMix64(seed: 7)
        var values: [UInt64] = []
        for _ in 0..<40 { values += [1, random.next() % 1_001] }
        let start = ChoiceSequence(values + [0])
        var calls: [ShrinkSchedule: Int] = [:]
        for schedule in [ShrinkSchedule.everyPassEachRound, .adaptive] {
            let shrinker = Shrinker<String>(Self.list, schedule: schedule) { Set($0).count >= 3 ? "three distinct" : nil }
            let result = try #require(shrinker.shrink(start))
            #expect(try Self.list.replay(result.best).value == [0, 1, 2])
            #expect(!result.budgetExhausted)
            calls[schedule] = result.evaluations
        }
        #expect(calls[.adaptive]! < calls[.everyPassEachRound]!, "\(calls)")
    }

    @Test func deferredPassStillRunsOnceTheOthersStall() throws {
        // No spans: only raw-block deletion (deferred in the adaptive schedule) can shorten the
        // sequence; the other passes only lower the values around the 7 to zeros.
        #expect(ShrinkSchedule.adaptive.deferred.contains(DeleteRunsPass().name))
        let shrinker = Shrinker<String>(schedule: .adaptive) { candidate in
            let recording = ChoiceRecording(sequence: candidate, spans: [])
            return candidate.values.contains(7) ? .failed("has 7", recording) : .passed(recording)
        }
        let result = try #require(shrinker.shrink(ChoiceSequence([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])))
        #expect(result.best == [7])
    }

    @Test func deleteSpansExtendsASuccessToTheFollowingSiblings() throws {
        var calls: [Bool: Int] = [:]
        for extends in [false, true] {
            let shrinker = Shrinker<String>(Self.list, passes: [DeleteSpansPass(extendsToSiblings: extends)],
                                            schedule: .everyPassEachRound) { $0.contains(999) ? "has 999" : nil }
            let result = try #require(shrinker.shrink(Self.longList))
            #expect(try Self.list.replay(result.best).value == [999])
            calls[extends] = result.evaluations
        }
        // One call per element without the extension (60 and more); logarithmic with it.
        #expect(calls[false]! >= 60)
        #expect(calls[true]! < 30, "\(calls)")
    }
}

/// Zero-spans extends a success to the following siblings, as delete-spans does.
@Suite struct ZeroSpansSiblingRunTests {
    @Test func zeroingASuccessExtendsToTheFollowingSiblings() throws {
        // The challenge's `length list` shape: a fixed length, then that many elements; only
        // the one element ≥ 900 matters, the 40 others zero one by one without the extension.
        let list = Gen.int(in: 40...40).flatMap { n in Gen.int(in: 0...1_000).array(count: n...n) }
        var values: [UInt64] = [0]
        for index in 0..<40 { values.append(index == 0 ? 950 : UInt64(index + 5)) }
        // Zero everything after the big one: start it first so the siblings follow it.
        var calls: [Bool: Int] = [:]
        for extends in [false, true] {
            let shrinker = Shrinker<String>(list, passes: [ZeroSpansPass(extendsToSiblings: extends)],
                                            schedule: .everyPassEachRound) { ($0.max() ?? 0) >= 900 ? "big" : nil }
            let result = try #require(shrinker.shrink(ChoiceSequence(values)))
            let shrunk = try list.replay(result.best).value
            #expect(shrunk.first == 950 && shrunk.dropFirst().allSatisfy { $0 == 0 })
            calls[extends] = result.evaluations
        }
        #expect(calls[false]! >= 39)
        #expect(calls[true]! < 20, "\(calls)")
    }
}
