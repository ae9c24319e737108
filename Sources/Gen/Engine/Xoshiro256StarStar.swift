// xoshiro256**: the engine's pseudo-random generator. Takes a 64-bit seed (expanded with
// SplitMix64, as its authors recommend); gives 64-bit words and unbiased bounded draws.
// Cost: O(1) per word. Algorithm facts: Blackman & Vigna, "Scrambled linear pseudorandom
// number generators", ACM TOMS 2021, and their reference C code (xoshiro256starstar.c).

/// A portable xoshiro256** generator. Every bounded draw goes through `next(atMost:)`, which
/// is defined here (not by the standard library) so results never change with the toolchain.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the four state words from SplitMix64 (never all zero in practice).
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        s0 = expander.next(); s1 = expander.next(); s2 = expander.next(); s3 = expander.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The generator for stream `stream` of a campaign seeded with `seed`.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: SplitMix64.derive(seed: seed, stream: stream))
    }

    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// A uniform value in `0...bound`, without modulo bias (Lemire's multiply-and-reject).
    public mutating func next(atMost bound: UInt64) -> UInt64 {
        if bound == .max { return next() }
        let range = bound &+ 1
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return product.high
    }

    /// A uniform double in [0, 1) built from the top 53 bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
