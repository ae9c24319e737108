// SplitMix64: a tiny 64-bit generator used to expand one seed into well-mixed state words
// (for xoshiro256**) and to derive independent stream seeds. Cost: O(1) per value.
// Algorithm facts (constants, mixing function): Steele, Lea & Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014; the reference C code by Vigna.

/// SplitMix64, written out here so every platform produces the same numbers from the same
/// seed (the system generator is never used: reproducers must replay byte-for-byte).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function: a bijective avalanche of one word.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of stream `index` of a campaign seeded with `seed`: distinct indices give
    /// unrelated seeds, so sequence *i* can be regenerated alone, in any process, in any order.
    public static func derive(seed: UInt64, stream index: UInt64) -> UInt64 {
        mix(mix(seed &+ 0x9E37_79B9_7F4A_7C15) ^ mix(index &* 0xD1B5_4A32_D192_ED03 &+ 1))
    }
}
