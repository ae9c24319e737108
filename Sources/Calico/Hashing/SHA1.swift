// SHA-1, written by hand (FIPS 180-4 §6.1). Not for security: Calico uses it only to name
// workload interfaces (`VethNameForWorkload`, projectcalico/calico:libcalico-go/lib/backend/k8s/conversion).
// Takes: bytes. Gives: the 20-byte digest. Cost: O(n), 80 rounds per 64-byte block.

public enum SHA1 {
    /// The SHA-1 digest of `bytes` (20 bytes).
    public static func digest<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        let message = MerkleDamgard.padded(bytes)
        var h: [UInt32] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0]
        var w = [UInt32](repeating: 0, count: 80)
        message.withUnsafeBufferPointer { buffer in
            for blockStart in stride(from: 0, to: buffer.count, by: 64) {
                for t in 0..<16 { w[t] = MerkleDamgard.word(buffer, blockStart + 4 * t) }
                for t in 16..<80 { w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotatedLeft(by: 1) }
                var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4]
                for t in 0..<80 {
                    let f: UInt32
                    let k: UInt32
                    switch t {
                    case 0..<20: f = (b & c) | (~b & d); k = 0x5a82_7999
                    case 20..<40: f = b ^ c ^ d; k = 0x6ed9_eba1
                    case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8f1b_bcdc
                    default: f = b ^ c ^ d; k = 0xca62_c1d6
                    }
                    let temp = a.rotatedLeft(by: 5) &+ f &+ e &+ k &+ w[t]
                    e = d; d = c; c = b.rotatedLeft(by: 30); b = a; a = temp
                }
                h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d; h[4] = h[4] &+ e
            }
        }
        return MerkleDamgard.bigEndianBytes(h, count: 20)
    }

    /// The SHA-1 digest of a string's UTF-8 bytes.
    public static func digest(_ text: String) -> [UInt8] { digest(Array(text.utf8)) }
}
