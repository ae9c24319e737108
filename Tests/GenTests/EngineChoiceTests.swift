import Foundation
import Testing
@testable import Gen

@Suite struct EngineChoiceTests {
    static let sample: Gen<[Int]> = Gen.int(in: -50...50).array(count: 0...8)

    @Test func sameSeedGivesSameValueAndChoices() throws {
        for seed in UInt64(0)..<20 {
            let a = try Self.sample.generate(seed: seed)
            let b = try Self.sample.generate(seed: seed)
            #expect(a.value == b.value)
            #expect(a.recording == b.recording)
        }
        let values = try (UInt64(0)..<20).map { try Self.sample.generate(seed: $0).value }
        #expect(Set(values).count > 10)
    }

    @Test func replayOfARecordingGivesTheSameValue() throws {
        for seed in UInt64(0)..<50 {
            let generated = try Self.sample.generate(seed: seed)
            let replayed = try Self.sample.replay(generated.recording.sequence)
            #expect(replayed.value == generated.value)
            #expect(replayed.recording == generated.recording)
        }
    }

    @Test func truncatedRecordingDecodesWithSimplestChoices() throws {
        let generator = Gen.zip(Gen.int(in: 0...100), Gen.int(in: 5...9), Gen.bool)
        let (value, recording) = try generator.replay([42])
        #expect(value.0 == 42 && value.1 == 5 && value.2 == false)
        #expect(recording.sequence == [42, 0, 0])
        let empty = try Self.sample.replay([])
        #expect(empty.value == [])
    }

    @Test func oversizedRecordedValuesAreClamped() throws {
        let (value, recording) = try Gen.int(in: 0...10).replay([1_000])
        #expect(value == 10)
        #expect(recording.sequence == [10])
        let element = try Gen.element(of: ["a", "b", "c"]).replay([99])
        #expect(element.value == "c")
    }

    @Test func choiceSequenceEncodesAsCompactArray() throws {
        let sequence: ChoiceSequence = [0, 3, UInt64.max]
        let data = try JSONEncoder().encode(sequence)
        #expect(String(decoding: data, as: UTF8.self) == "[0,3,18446744073709551615]")
        #expect(try JSONDecoder().decode(ChoiceSequence.self, from: data) == sequence)
    }

    @Test func shortlexOrdersByLengthThenValues() {
        #expect(ChoiceSequence([9, 9]) < ChoiceSequence([0, 0, 0]))
        #expect(ChoiceSequence([1, 0, 5]) < ChoiceSequence([1, 1, 0]))
        #expect(!(ChoiceSequence([1, 2]) < ChoiceSequence([1, 2])))
    }

    @Test func spansAreRecordedWithLabelsDepthsAndParents() throws {
        let pair = Gen.zip(Gen.int(in: 0...3).labelled("left"), Gen.bool.labelled("right")).labelled("pair")
        let (_, recording) = try pair.replay([2, 1])
        #expect(recording.spans.map(\.label) == ["pair", "left", "right"])
        #expect(recording.spans[0].range == 0..<2 && recording.spans[0].depth == 0 && recording.spans[0].parent == nil)
        #expect(recording.spans[1].range == 0..<1 && recording.spans[1].depth == 1 && recording.spans[1].parent == 0)
        #expect(recording.spans[2].range == 1..<2 && recording.spans[2].parent == 0)
    }

    @Test func tooManyChoicesIsAGenerationFailure() {
        let endless = Gen.int(in: 0...9).array(count: 1_000...1_000)
        let source = ChoiceSource(seed: 1, maxChoices: 100)
        #expect(throws: GenerationFailure.self) { try endless.run(source) }
    }
}
