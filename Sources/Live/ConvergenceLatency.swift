// Per-step convergence latency of a live target: how long after a step's writes were
// acknowledged the state rebuilt from Felix's stream first equalled the oracle's.
// Takes: one sample per checkpoint (seconds, or a timeout). Gives: count, median, p99, max.
// Cost: O(1) per sample; statistics sort a copy.

import Foundation

public struct ConvergenceLatencies: Codable, Hashable, Sendable {
    /// Seconds from the last acknowledged write to convergence, one per converged checkpoint.
    public private(set) var samples: [Double] = []
    /// Checkpoints that did not converge before the deadline.
    public private(set) var timeouts = 0

    public init() {}

    public mutating func record(_ seconds: Double) { samples.append(seconds) }
    public mutating func recordTimeout() { timeouts += 1 }
    public mutating func merge(_ other: ConvergenceLatencies) {
        samples += other.samples
        timeouts += other.timeouts
    }

    /// The q-quantile (0…1) by nearest rank; nil with no samples.
    public func quantile(_ q: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    public var median: Double? { quantile(0.5) }
    public var p99: Double? { quantile(0.99) }
    public var maximum: Double? { samples.max() }

    /// One line: `n=…, median=… ms, p99=… ms, max=… ms, timeouts=…`.
    public var summary: String {
        func ms(_ value: Double?) -> String { value.map { String(format: "%.1f ms", $0 * 1000) } ?? "n/a" }
        return "n=\(samples.count), median=\(ms(median)), p99=\(ms(p99)), max=\(ms(maximum)), timeouts=\(timeouts)"
    }
}
