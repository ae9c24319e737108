import Foundation
import Testing
@testable import Gen
@testable import Shrink

@Suite struct ShrinkerTests {
    static let list = Gen.int(in: -1_000...1_000).array(count: 0...30)
    static func property(_ values: [Int]) -> String? { values.filter { $0 > 100 }.count >= 2 ? "two big" : nil }

    static func failingSequence() throws -> ChoiceSequence {
        for seed in UInt64(0)..<1_000 {
            let (value, recording) = try list.generate(seed: seed)
            if property(value) != nil, value.count > 5 { return recording.sequence }
        }
        throw GenerationFailure(.filterExhausted, "no failing example")
    }

    @Test func shrinksToTheShortlexMinimum() throws {
        let shrinker = Shrinker<String>(Self.list, property: Self.property)
        let result = try #require(shrinker.shrink(try Self.failingSequence()))
        #expect(try Self.list.replay(result.best).value == [101, 101])
        #expect(!result.budgetExhausted)
        #expect(result.signature == "two big")
        #expect(result.passStats.map(\.name) == ShrinkPasses.standard.map(\.name))
        #expect(result.passStats.contains { $0.successes > 0 })
    }

    @Test func isDeterministic() throws {
        let initial = try Self.failingSequence()
        let a = try #require(Shrinker<String>(Self.list, property: Self.property).shrink(initial))
        let b = try #require(Shrinker<String>(Self.list, property: Self.property).shrink(initial))
        #expect(a.best == b.best && a.evaluations == b.evaluations && a.passStats == b.passStats)
    }

    @Test func reportsBudgetExhaustionWithTheBestSoFar() throws {
        let initial = try Self.failingSequence()
        let shrinker = Shrinker<String>(Self.list, budget: ShrinkBudget(maxEvaluations: 5), property: Self.property)
        let result = try #require(shrinker.shrink(initial))
        #expect(result.budgetExhausted)
        #expect(result.evaluations <= 5)
        #expect(result.best <= initial)
        #expect(Self.property(try Self.list.replay(result.best).value) != nil, "best so far still fails")
    }

    @Test func neverSlipsToAnotherFailure() throws {
        let number = Gen.int(in: 0...1_000)
        let shrinker = Shrinker<String>(number) { $0 >= 100 ? "big" : ($0 >= 10 ? "medium" : nil) }
        let result = try #require(shrinker.shrink([500]))
        #expect(try number.replay(result.best).value == 100)
        #expect(shrinker.shrink([50], signature: "big") == nil, "a sequence failing differently is refused")
    }

    @Test func cachesEvaluations() throws {
        var calls = 0
        var seen = Set<ChoiceSequence>()
        let base = Shrinker<String>.testFunction(Self.list, property: Self.property)
        let shrinker = Shrinker<String> { candidate in
            calls += 1
            seen.insert(candidate)
            return base(candidate)
        }
        let result = try #require(shrinker.shrink(try Self.failingSequence()))
        #expect(calls == result.evaluations)
        #expect(seen.count == calls, "no sequence is run twice")
    }

    @Test func returnsNilWhenTheInitialSequencePasses() {
        #expect(Shrinker<String>(Self.list, property: Self.property).shrink([0]) == nil)
    }
}

/// The prefix cache answers a candidate that extends what an earlier run consumed, and never
/// a candidate whose run could differ.
@Suite struct PrefixCacheTests {
    @Test func answersExtensionsAndZeroPaddedPrefixesOnly() {
        var cache = PrefixCache<String>()
        cache.insert(ChoiceSequence([3, 1, 0]), "a")
        #expect(cache.lookup(ChoiceSequence([3, 1, 0, 9, 9])) == "a")   // unread tail
        #expect(cache.lookup(ChoiceSequence([3, 1])) == "a")            // zeros past the end
        #expect(cache.lookup(ChoiceSequence([3, 2, 0])) == nil)
        #expect(cache.lookup(ChoiceSequence([3])) == nil)               // would read 0 where 1 was
    }

    @Test func aRunThatReadsItsWholeInputDoesNotAnswerLongerCandidates() throws {
        // A test function that looks at every value it is given: [1, 2] passes, [1, 2, 7] fails.
        let shrinker = Shrinker<String>(passes: [DeleteRunsPass()]) { candidate in
            let recording = ChoiceRecording(sequence: candidate, spans: [])
            return candidate.values.contains(7) ? .failed("has 7", recording) : .passed(recording)
        }
        let result = try #require(shrinker.shrink(ChoiceSequence([1, 2, 3, 7])))
        #expect(result.best == [7])
    }
}
