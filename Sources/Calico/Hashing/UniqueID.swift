// Calico's content-derived IDs: the names of IP sets (selector `s:`, named port `n:`,
// service `svc:`), so two parties that agree on the content agree on the name.
// Source: projectcalico/calico:libcalico-go/lib/hash/unique_id.go (`MakeUniqueID`).

public enum UniqueID {
    /// `prefix + ":" + base64url_nopad(SHA-224(prefix + ":" + content))`: for a one- or
    /// two-letter prefix, always 2 + 38 = 40 characters (SHA-224 is 28 bytes → 38 base64 characters).
    public static func make(prefix: String, content: String) -> String {
        let hashed = SHA224.digest(Array((prefix + ":" + content).utf8))
        return prefix + ":" + Base64URL.encodeNoPadding(hashed)
    }
}
