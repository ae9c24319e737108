// ChoiceSequence: the recorded choices of one generated test case, the thing reproducer files
// store and the shrinker rewrites. Takes nothing; gives ordering (shortlex) and a compact
// Codable form (a bare JSON array of numbers). Cost: O(n) to compare or encode.

/// Every random decision a generator made, in order. Each choice is a bounded integer recorded
/// as its *index of simplicity* in `0...bound`: 0 is always the simplest option (the lower
/// bound, `false`, the first alternative, an empty list), so smaller numbers mean simpler values.
public struct ChoiceSequence: Codable, Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByArrayLiteral
{
    public var values: [UInt64]

    public init(_ values: [UInt64] = []) { self.values = values }
    public init(arrayLiteral elements: UInt64...) { values = elements }

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    /// Shortlex: shorter sequences first, then lexicographically by value. This is the order the
    /// shrinker minimises, so "smaller" means "simpler test case".
    public static func < (lhs: ChoiceSequence, rhs: ChoiceSequence) -> Bool {
        if lhs.values.count != rhs.values.count { return lhs.values.count < rhs.values.count }
        for (a, b) in zip(lhs.values, rhs.values) where a != b { return a < b }
        return false
    }

    /// Encodes as a plain array of numbers, e.g. `[1,0,17,3]`, so reproducer files stay small.
    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([UInt64].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    public var description: String { "[" + values.map(String.init).joined(separator: ",") + "]" }
}
