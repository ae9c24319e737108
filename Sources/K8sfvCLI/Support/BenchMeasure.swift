import Foundation

// Measuring helpers for `k8sfv bench`: a monotonic stopwatch, order statistics over samples
// (median, p99, mean), the geometric mean, and the process's memory from /proc/self/status
// (Linux; nil elsewhere). Cost: sorting the samples once per summary.

enum BenchClock {
    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return (clock.now - start).benchSeconds
    }
}

extension Duration {
    var benchSeconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}

/// Order statistics of timing samples, in seconds.
struct SampleSummary: Codable, Hashable, Sendable {
    var count: Int
    var mean: Double
    var median: Double
    var p99: Double
    var max: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
        median = SampleSummary.quantile(sorted, 0.5)
        p99 = SampleSummary.quantile(sorted, 0.99)
        max = sorted.last ?? 0
    }

    /// Nearest-rank quantile of sorted samples.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank))]
    }
}

enum BenchMath {
    /// The geometric mean of positive values (0 when there are none).
    static func geometricMean(_ values: [Double]) -> Double {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard !positive.isEmpty else { return 0 }
        return exp(positive.map { log($0) }.reduce(0, +) / Double(positive.count))
    }
}

/// The process's memory, from /proc/self/status (kB figures).
struct ProcessMemory: Codable, Hashable, Sendable {
    /// Peak resident set (VmHWM), MiB.
    var peakMiB: Double
    /// Current resident set (VmRSS), MiB.
    var residentMiB: Double

    static func read() -> ProcessMemory? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, ["VmHWM", "VmRSS"].contains(String(parts[0])) else { continue }
            let number = parts[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Double($0) }
            values[String(parts[0])] = number.map { $0 / 1024 }
        }
        guard let peak = values["VmHWM"], let resident = values["VmRSS"] else { return nil }
        return ProcessMemory(peakMiB: peak, residentMiB: resident)
    }
}

/// Fixed-width text tables for the bench output.
struct BenchTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers).
    var rightAligned: Set<Int> = []

    init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    var text: String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            headers.indices.map { column in
                let cell = cells.indices.contains(column) ? cells[column] : ""
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }
}

enum BenchFormat {
    /// Microseconds with a sensible number of digits.
    static func micros(_ seconds: Double) -> String {
        let us = seconds * 1e6
        if us >= 100 { return String(format: "%.0f µs", us) }
        if us >= 10 { return String(format: "%.1f µs", us) }
        return String(format: "%.2f µs", us)
    }

    static func mib(_ value: Double?) -> String {
        value.map { String(format: "%.1f MiB", $0) } ?? "n/a"
    }

    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
