// ChartScale: "nice" axis ticks for the SVG charts. Takes a data range; gives a rounded range
// and tick values at 1, 2 or 5 × 10^k steps, so axes read 0, 50, 100, 150 rather than 0, 47.3.
// Cost: O(ticks).

/// A linear axis from `lower` to `upper` with evenly spaced ticks.
public struct ChartScale: Hashable, Sendable {
    public var lower: Double
    public var upper: Double
    public var ticks: [Double]

    /// An axis covering `min...max` with about `count` ticks (zero included when `fromZero`).
    public init(min: Double, max: Double, count: Int = 5, fromZero: Bool = true) {
        var low = fromZero ? Swift.min(0, min) : min
        var high = Swift.max(max, low)
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        if high - low < 1e-12 { high = low + (low == 0 ? 1 : abs(low) * 0.1) }
        let step = ChartScale.niceStep((high - low) / Double(Swift.max(1, count)))
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        var ticks: [Double] = []
        var value = first
        while value <= last + step * 1e-9, ticks.count < 50 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        lower = first
        upper = Swift.max(last, first + step)
        self.ticks = ticks
    }

    /// The smallest 1, 2 or 5 × 10^k not below `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow10(floorLog10(raw))
        let fraction = raw / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * power
    }

    /// Where `value` falls between `lower` and `upper`, as 0...1.
    public func fraction(_ value: Double) -> Double {
        upper > lower ? (value - lower) / (upper - lower) : 0
    }

    private static func floorLog10(_ x: Double) -> Int {
        var exponent = 0
        var v = x
        while v >= 10 { v /= 10; exponent += 1 }
        while v < 1 { v *= 10; exponent -= 1 }
        return exponent
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        if exponent >= 0 { for _ in 0..<exponent { result *= 10 } } else { for _ in 0..<(-exponent) { result /= 10 } }
        return result
    }
}
