// Integers: Gen.int(in:). Takes a range; gives an Int whose recorded choices order values by
// distance from zero. Cost: one choice (two for a range spanning zero).

extension Gen where Value == Int {
    /// An integer in `range`. Simplicity is distance from zero:
    /// - a range of non-negative numbers records `value - lowerBound` (simplest: the lower bound);
    /// - a range of non-positive numbers records `upperBound - value` (simplest: the upper bound);
    /// - a range containing both signs records **two** choices, the magnitude and then a sign
    ///   (0 = positive). Their shortlex order is 0, 1, −1, 2, −2, …; the sign is always drawn
    ///   (ignored for 0 and where only one sign fits, e.g. −32768 in an Int16 range), so every
    ///   such integer has the same shape: lowering a magnitude to 0 never shifts later choices.
    ///   A magnitude of its own lets the shrinker lower `|x|` by binary search and move magnitude
    ///   between two numbers (pair redistribution) without flipping signs.
    ///
    /// When generating, large ranges are biased: 1/8 of draws are in the 16 simplest values,
    /// 1/8 in the 256 simplest, 1/32 are the most extreme, the rest uniform, so both small
    /// coincidences (x == y) and overflow edges turn up.
    public static func int(in range: ClosedRange<Int>) -> Gen<Int> {
        let low = range.lowerBound, high = range.upperBound
        return Gen { source in
            if low >= 0 {
                let offset = try IntegerDraw.draw(source, atMost: UInt64(high - low))
                return low + Int(offset)
            }
            if high <= 0 {
                let offset = try IntegerDraw.draw(source, atMost: UInt64(bitPattern: Int64(high) &- Int64(low)))
                return Int(Int64(high) &- Int64(bitPattern: offset))
            }
            let positiveMax = UInt64(high)
            let negativeMax = UInt64(bitPattern: Int64(0) &- Int64(low))  // |low|, exact even for Int.min
            let magnitude = try IntegerDraw.draw(source, atMost: max(positiveMax, negativeMax))
            let bothSigns = magnitude != 0 && magnitude <= positiveMax && magnitude <= negativeMax
            let signChoice = try source.draw(atMost: 1) { rng in bothSigns ? rng.next(atMost: 1) : 0 }
            if magnitude == 0 { return 0 }
            let negative = bothSigns ? signChoice == 1 : magnitude > positiveMax
            return negative ? Int(Int64(0) &- Int64(bitPattern: magnitude)) : Int(magnitude)
        }
    }

    /// An integer in a half-open range; throws `nothingToChoose` when it is empty.
    public static func int(in range: Range<Int>) -> Gen<Int> {
        guard let last = range.last else {
            return Gen { _ in throw GenerationFailure(.nothingToChoose, "int(in:) was given the empty range \(range)") }
        }
        return int(in: range.lowerBound...last)
    }
}

/// The biased bounded draw behind `Gen.int(in:)`.
enum IntegerDraw {
    static func draw(_ source: ChoiceSource, atMost bound: UInt64) throws -> UInt64 {
        if bound < 256 { return try source.draw(atMost: bound) }
        return try source.draw(atMost: bound) { rng in
            switch rng.next(atMost: 31) {
            case 0...3: return rng.next(atMost: 15)
            case 4...7: return rng.next(atMost: 255)
            case 8: return bound
            default: return rng.next(atMost: bound)
            }
        }
    }
}
