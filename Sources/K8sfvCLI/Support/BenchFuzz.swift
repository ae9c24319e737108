import Campaign
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
    /// User + system CPU time of this process over the run, and steps per CPU-second: on a
    /// shared machine wall time includes waiting for a core, CPU time does not.
    var cpuSeconds: Double?
    var stepsPerCPUSecond: Double?
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
        let cpuBefore = cpuTime()
        let summary = Campaign(configuration: configuration).run { event in
            if case .failureFound(_, let failure) = event { signatures[failure.signature.description, default: 0] += 1 }
        }
        let stats = summary.statistics
        let cpu = cpuTime() - cpuBefore
        return FuzzBenchResult(
            seed: seed, scale: "small", seconds: summary.elapsed, sequences: stats.sequences, steps: stats.steps,
            failures: stats.failures,
            stepsPerSecond: summary.elapsed > 0 ? Double(stats.steps) / summary.elapsed : 0,
            sequencesPerSecond: summary.elapsed > 0 ? Double(stats.sequences) / summary.elapsed : 0,
            cpuSeconds: cpu, stepsPerCPUSecond: cpu > 0 ? Double(stats.steps) / cpu : nil,
            throughput: stats.throughput, failureSignatures: signatures)
    }

    /// The 1-minute load average (other processes competing for the cores), or -1.
    static func loadAverage() -> Double {
        var loads = [Double](repeating: -1, count: 3)
        return getloadavg(&loads, 3) > 0 ? loads[0] : -1
    }

    /// User + system CPU seconds of this process so far.
    static func cpuTime() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func text(_ r: FuzzBenchResult) -> String {
        var lines = [
            "seed \(r.seed), scale \(r.scale), one process, every property after every step:",
            "  \(r.sequences) sequences, \(r.steps) steps in \(String(format: "%.1f", r.seconds)) s",
            "  \(String(format: "%.0f", r.stepsPerSecond)) steps/s per core, \(String(format: "%.1f", r.sequencesPerSecond)) sequences/s",
        ]
        if let cpu = r.cpuSeconds, let perCPU = r.stepsPerCPUSecond {
            lines.append("  \(String(format: "%.2f", cpu)) CPU-s (user+sys): \(String(format: "%.0f", perCPU)) steps per CPU-second"
                + String(format: " (load average %.1f)", BenchFuzz.loadAverage()))
        }
        if r.failures > 0 {
            lines.append("  WARNING: \(r.failures) sequences failed (the model without injections should pass):")
            for signature in r.failureSignatures.keys.sorted() {
                lines.append("    \(signature) ×\(r.failureSignatures[signature] ?? 0)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
