import Foundation

// IP address and CIDR parsing for validation, as the API server's legacy fields accept them
// (`netutils.ParseIPSloppy`/`ParseCIDRSloppy`: IPv4 octets may carry leading zeros; host bits
// may be set in a CIDR). Takes: text. Gives: the address bytes and prefix. Cost: linear.
// Source: kubernetes/kubernetes pkg/apis/core/validation/ips.go (IsValidCIDRForLegacyField),
// k8s.io/utils/net (ParseCIDRSloppy).

/// A parsed address: 4 bytes (IPv4) or 16 bytes (IPv6).
struct ParsedAddress: Hashable, Sendable {
    var bytes: [UInt8]
    var isIPv4: Bool { bytes.count == 4 }

    init?(_ text: String) {
        if text.contains(":") {
            guard let bytes = ParsedAddress.parseIPv6(Substring(text)) else { return nil }
            self.bytes = bytes
        } else {
            guard let bytes = ParsedAddress.parseIPv4(Substring(text)) else { return nil }
            self.bytes = bytes
        }
    }

    /// Dotted quad; each octet 1–3 decimal digits, at most 255.
    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(part), value <= 255
            else { return nil }
            bytes.append(UInt8(value))
        }
        return bytes
    }

    /// RFC 4291 text form: up to 8 hex groups, one `::`, an optional trailing dotted quad.
    static func parseIPv6(_ text: Substring) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowIPv4Tail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            var bytes: [UInt8] = []
            for (index, field) in fields.enumerated() {
                if index == fields.count - 1, allowIPv4Tail, field.contains(".") {
                    guard let v4 = parseIPv4(field) else { return nil }
                    bytes += v4
                    continue
                }
                guard (1...4).contains(field.count), field.allSatisfy({ $0.isHexDigit }),
                    let value = UInt16(field, radix: 16)
                else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xff)]
            }
            return bytes
        }
        if halves.count == 1 {
            guard let bytes = groups(halves[0], allowIPv4Tail: true), bytes.count == 16 else { return nil }
            return bytes
        }
        guard let head = groups(halves[0], allowIPv4Tail: false),
            let tail = groups(halves[1], allowIPv4Tail: true), head.count + tail.count <= 14
        else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// A parsed CIDR: the address as written and the prefix length.
struct ParsedCIDR: Hashable, Sendable {
    var address: ParsedAddress
    var prefixLength: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = ParsedAddress(String(parts[0])),
            (1...3).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
            let prefix = Int(parts[1]), prefix <= address.bytes.count * 8
        else { return nil }
        self.address = address
        self.prefixLength = prefix
    }

    /// The network address: host bits cleared.
    var network: [UInt8] {
        address.bytes.enumerated().map { index, byte in
            let bitsBefore = index * 8
            if prefixLength >= bitsBefore + 8 { return byte }
            if prefixLength <= bitsBefore { return 0 }
            return byte & UInt8(truncatingIfNeeded: 0xff << (8 - (prefixLength - bitsBefore)))
        }
    }

    /// True when `other` lies inside this network and is strictly narrower
    /// (the API server's test for `ipBlock.except`).
    func strictlyContains(_ other: ParsedCIDR) -> Bool {
        guard other.address.bytes.count == address.bytes.count, other.prefixLength > prefixLength else {
            return false
        }
        let narrowed = ParsedCIDR(address: other.address, prefixLength: prefixLength)
        return narrowed.network == network
    }

    private init(address: ParsedAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }
}
