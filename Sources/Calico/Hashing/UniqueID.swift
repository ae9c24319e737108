// Calico's content-derived IDs: the names of IP sets (selector `s:`, named port `n:`,
// service `svc:`), so two parties that agree on the content agree on the name.
// Source: projectcalico/calico:libcalico-go/lib/hash/unique_id.go (`MakeUniqueID`).

public enum UniqueID {
    /// `prefix + ":" + base64url_nopad(SHA-224(prefix + ":" + content))`: for a one- or
    /// two-letter prefix, always 2 + 38 = 40 characters (SHA-224 is 28 bytes → 38 base64 characters).
    /// Each distinct input is hashed once per process (see `Memo`).
    public static func make(prefix: String, content: String) -> String {
        made.value(for: ExactText(prefix + ":" + content)) {
            let hashed = SHA224.digest(Array((prefix + ":" + content).utf8))
            return prefix + ":" + Base64URL.encodeNoPadding(hashed)
        }
    }

    private static let made = Memo<ExactText, String>(capacity: 16_384)
}
