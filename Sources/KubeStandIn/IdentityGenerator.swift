// Deterministic uids and generateName suffixes for the stand-in.
// Takes: a seed. Gives: a UUID-shaped uid and a 5-character suffix per call, the same sequence
// for the same seed. Cost: O(1) per call. Call only with the store lock held.

struct IdentityGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A version-4-shaped UUID string.
    mutating func uid() -> String {
        let a = next(), b = next()
        func hex(_ v: UInt64, _ digits: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, digits - s.count)) + s.suffix(digits)
        }
        return "\(hex(a >> 32, 8))-\(hex((a >> 16) & 0xffff, 4))-4\(hex(a & 0xfff, 3))-\(hex(0x8000 | ((b >> 48) & 0x3fff), 4))-\(hex(b & 0xffff_ffff_ffff, 12))"
    }

    /// The 5 characters Kubernetes appends to `generateName` (its alphabet has no vowels).
    /// Source: kubernetes/kubernetes:staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go.
    mutating func nameSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
    }
}
