import Calico

// GenBenchmark: how fast generation is, for `k8sfv bench` and the release-mode report test.
// Takes a seed and sizes; gives choices drawn per second over many small scenarios, and the time
// to generate the seed-scale cluster plus one long step sequence. Cost: what it measures
// (about a second in release with the defaults).

/// Figures from one benchmark run.
public struct GenBenchmarkResult: Codable, Hashable, Sendable {
    /// Small scenarios generated.
    public var sequences: Int
    /// Choices drawn over those scenarios.
    public var choices: Int
    public var seconds: Double
    public var choicesPerSecond: Double
    /// Steps in the seed-scale scenario.
    public var seedSteps: Int
    /// Objects in the seed cluster.
    public var seedObjects: Int
    public var seedChoices: Int
    /// Time to generate the seed cluster plus `seedSteps` steps.
    public var seedSeconds: Double

    public var summary: String {
        func fmt(_ x: Double, _ digits: Int) -> String {
            let scale = Double([1, 10, 100, 1000, 10000][min(4, digits)])
            return String(Double((x * scale).rounded()) / scale)
        }
        return "small scenarios: \(sequences) in \(fmt(seconds, 3)) s, \(choices) choices, "
            + "\(Int(choicesPerSecond.rounded())) choices/s; seed cluster (\(seedObjects) objects) + "
            + "\(seedSteps) steps: \(fmt(seedSeconds, 3)) s (\(seedChoices) choices)"
    }
}

public enum GenBenchmark {
    public static func run(seed: UInt64 = 1, sequences: Int = 2_000, seedSteps: Int = 1_000) throws -> GenBenchmarkResult {
        let clock = ContinuousClock()
        var choices = 0
        let small = ScenarioGenerators.scenario(scale: .small)
        let smallTime = try clock.measure {
            for index in 0..<max(1, sequences) {
                let (_, recording) = try small.generate(
                    seed: ScenarioGenerators.sequenceSeed(seed: seed, index: UInt64(index)))
                choices += recording.sequence.count
            }
        }
        var seedChoices = 0
        var seedObjects = 0
        let large = ScenarioGenerators.scenario(scale: .seed, steps: seedSteps...seedSteps)
        let seedTime = try clock.measure {
            let (scenario, recording) = try large.generate(seed: seed)
            seedChoices = recording.sequence.count
            seedObjects = scenario.initial.count
        }
        let seconds = smallTime.seconds
        return GenBenchmarkResult(
            sequences: max(1, sequences), choices: choices, seconds: seconds,
            choicesPerSecond: seconds > 0 ? Double(choices) / seconds : 0,
            seedSteps: seedSteps, seedObjects: seedObjects, seedChoices: seedChoices,
            seedSeconds: seedTime.seconds)
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
