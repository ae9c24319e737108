import Driver
import Foundation
import Gen

// The workloads `bench instructions` counts under callgrind, each run in a child process:
// `k8sfv bench instructions --instructions-child NAME --count N` runs N of them and prints
// `{"items":N,"steps":S}`. The raw-generation workloads match the ones measured for
// swift-property-based 2.0.1 (/work/shared/spec/pbt-anchors.md §3c): an [Int] whose length is
// uniform in 0…100, an (Int, Int), each Int over the whole range; each value is generated from
// its own seed with a fresh ChoiceSource and its recording taken, as a test case is.
// Cost: N generations (or N fuzz sequences).

enum BenchInstructionWorkload: String, CaseIterable, Codable, Sendable {
    case fuzz
    case intArray = "int-array"
    case intPair = "int-pair"
    case scenario

    struct Outcome: Codable, Sendable {
        var items: Int
        var steps: Int
    }

    static let anyInt = Gen.int(in: Int.min...Int.max)
    /// Length first (uniform in 0…100), then exactly that many elements.
    static let intArrayGenerator = Gen.int(in: 0...100).flatMap { length in anyInt.array(count: length...length) }
    static let intPairGenerator = Gen.zip(anyInt, anyInt)

    func run(count: Int, seed: UInt64) throws -> Outcome {
        switch self {
        case .fuzz:
            let result = BenchFuzz.run(seed: seed, seconds: nil, sequences: count)
            return Outcome(items: result.sequences, steps: result.steps)
        case .intArray:
            var length = 0
            for index in 0..<count {
                let (value, recording) = try Self.intArrayGenerator.generate(seed: SplitMix64.derive(seed: seed, stream: UInt64(index)))
                length &+= value.count &+ recording.sequence.count
            }
            return Outcome(items: count, steps: length & 1)
        case .intPair:
            var sum = 0
            for index in 0..<count {
                let (value, recording) = try Self.intPairGenerator.generate(seed: SplitMix64.derive(seed: seed, stream: UInt64(index)))
                sum &+= value.0 &+ value.1 &+ recording.sequence.count
            }
            return Outcome(items: count, steps: sum & 1)
        case .scenario:
            let generator = ScenarioGenerators.scenario(scale: .small)
            var steps = 0
            for index in 0..<count {
                let scenario = try generator.generate(seed: ScenarioGenerators.sequenceSeed(seed: seed, index: UInt64(index))).value
                steps += scenario.steps.count
            }
            return Outcome(items: count, steps: steps)
        }
    }
}
