// Shared padding for the Merkle–Damgård hashes (SHA-1, SHA-224/256).
// Takes: message bytes. Gives: the message padded to whole 64-byte blocks, with the
// big-endian 64-bit bit length at the end (FIPS 180-4 §5.1.1). Cost: one copy of the input.

enum MerkleDamgard {
    /// `message || 0x80 || 0x00… || bitLength(UInt64, big-endian)`, a multiple of 64 bytes.
    static func padded<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var message = [UInt8]()
        message.reserveCapacity(bytes.count + 72)
        message.append(contentsOf: bytes)
        let bitLength = UInt64(message.count) &* 8
        message.append(0x80)
        while message.count % 64 != 56 { message.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            message.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        return message
    }

    /// The 32-bit big-endian word at `offset`.
    @inline(__always)
    static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    /// Words written out big-endian, the first `count` bytes kept.
    static func bigEndianBytes(_ words: [UInt32], count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(words.count * 4)
        for word in words {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return Array(out.prefix(count))
    }
}

extension UInt32 {
    @inline(__always)
    func rotatedRight(by count: UInt32) -> UInt32 { (self >> count) | (self << (32 - count)) }
    @inline(__always)
    func rotatedLeft(by count: UInt32) -> UInt32 { (self << count) | (self >> (32 - count)) }
}
