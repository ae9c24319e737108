import Driver
import Foundation
import Gen

// `bench fuzz`: fuzz throughput at the small default scale with every property checked after
// every step, in one process on one core. Takes a seed and a duration; gives steps and
// sequences per second (and the campaign summary, for a throughput chart). No shrinking: the
// model has no injected bug here, so nothing should fail. Cost: the duration.

struct FuzzBenchResult: Codable, Hashable, Sendable {
    var seed: UInt64
    var scale: String
    var seconds: Double
    var sequences: Int
    var steps: Int
    var failures: Int
    var stepsPerSecond: Double
    var sequencesPerSecond: Double
    var throughput: [ThroughputSample]
    /// Failing sequences by signature (should be empty: no bug is injected).
    var failureSignatures: [String: Int]
}

enum BenchFuzz {
    static func run(seed: UInt64, seconds: Double?, sequences: Int?) -> FuzzBenchResult {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-bench-fuzz-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = CampaignConfiguration(
            seed: seed, sequenceLimit: sequences, timeLimit: seconds, scale: .small, properties: .all,
            outputDirectory: directory, shrink: false)
        var signatures: [String: Int] = [:]
        let summary = Campaign(configuration: configuration).run { event in
            if case .failureFound(_, let failure) = event { signatures[failure.signature.description, default: 0] += 1 }
        }
        let stats = summary.statistics
        return FuzzBenchResult(
            seed: seed, scale: "small", seconds: summary.elapsed, sequences: stats.sequences, steps: stats.steps,
            failures: stats.failures,
            stepsPerSecond: summary.elapsed > 0 ? Double(stats.steps) / summary.elapsed : 0,
            sequencesPerSecond: summary.elapsed > 0 ? Double(stats.sequences) / summary.elapsed : 0,
            throughput: stats.throughput, failureSignatures: signatures)
    }

    static func text(_ r: FuzzBenchResult) -> String {
        var lines = [
            "seed \(r.seed), scale \(r.scale), one process, every property after every step:",
            "  \(r.sequences) sequences, \(r.steps) steps in \(String(format: "%.1f", r.seconds)) s",
            "  \(String(format: "%.0f", r.stepsPerSecond)) steps/s per core, \(String(format: "%.1f", r.sequencesPerSecond)) sequences/s",
        ]
        if r.failures > 0 {
            lines.append("  WARNING: \(r.failures) sequences failed (the model without injections should pass):")
            for signature in r.failureSignatures.keys.sorted() {
                lines.append("    \(signature) ×\(r.failureSignatures[signature] ?? 0)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
