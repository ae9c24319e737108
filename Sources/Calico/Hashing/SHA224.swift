// SHA-224, written by hand (Foundation has no SHA on Linux; the package takes no dependencies).
// Takes: bytes. Gives: the 28-byte digest. Cost: O(n), 64 rounds per 64-byte block.
// SHA-224 is SHA-256 with other initial values, truncated to 7 words (FIPS 180-4 §6.3).
// Calico hashes IP set IDs with it: projectcalico/calico:libcalico-go/lib/hash/unique_id.go.

public enum SHA224 {
    /// The SHA-224 digest of `bytes` (28 bytes).
    public static func digest<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        let state = SHA256Core.hash(
            bytes,
            initial: [
                0xc105_9ed8, 0x367c_d507, 0x3070_dd17, 0xf70e_5939,
                0xffc0_0b31, 0x6858_1511, 0x64f9_8fa7, 0xbefa_4fa4,
            ])
        return MerkleDamgard.bigEndianBytes(state, count: 28)
    }

    /// The SHA-224 digest of a string's UTF-8 bytes.
    public static func digest(_ text: String) -> [UInt8] { digest(Array(text.utf8)) }
}

/// The SHA-256 compression function, shared by SHA-224 (and SHA-256 if ever needed).
enum SHA256Core {
    static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// The eight state words after hashing `bytes` from `initial`.
    static func hash<C: Collection>(_ bytes: C, initial: [UInt32]) -> [UInt32] where C.Element == UInt8 {
        let message = MerkleDamgard.padded(bytes)
        var h = initial
        var w = [UInt32](repeating: 0, count: 64)
        message.withUnsafeBufferPointer { buffer in
            for blockStart in stride(from: 0, to: buffer.count, by: 64) {
                for t in 0..<16 { w[t] = MerkleDamgard.word(buffer, blockStart + 4 * t) }
                for t in 16..<64 {
                    let s0 = w[t - 15].rotatedRight(by: 7) ^ w[t - 15].rotatedRight(by: 18) ^ (w[t - 15] >> 3)
                    let s1 = w[t - 2].rotatedRight(by: 17) ^ w[t - 2].rotatedRight(by: 19) ^ (w[t - 2] >> 10)
                    w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                }
                var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7]
                for t in 0..<64 {
                    let sum1 = e.rotatedRight(by: 6) ^ e.rotatedRight(by: 11) ^ e.rotatedRight(by: 25)
                    let choose = (e & f) ^ (~e & g)
                    let temp1 = hh &+ sum1 &+ choose &+ roundConstants[t] &+ w[t]
                    let sum0 = a.rotatedRight(by: 2) ^ a.rotatedRight(by: 13) ^ a.rotatedRight(by: 22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let temp2 = sum0 &+ majority
                    hh = g; g = f; f = e; e = d &+ temp1
                    d = c; c = b; b = a; a = temp1 &+ temp2
                }
                h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d
                h[4] = h[4] &+ e; h[5] = h[5] &+ f; h[6] = h[6] &+ g; h[7] = h[7] &+ hh
            }
        }
        return h
    }
}
