// IP addresses and CIDRs as Calico's Go code parses and prints them.
// Takes: text ("10.0.0.5", "10.0.0.5/24", "fd00::1", "fd00::/64"). Gives: a value that can be
// masked to its network and printed the way Go's `net.IP.String()` / `net.IPNet.String()` do
// (RFC 5952 for IPv6: lower-case hex, the longest run of ≥ 2 zero groups — the first on a tie —
// shortened to `::`). Cost: O(length of the text), once per distinct text.
// Source: Go net.ParseIP / net.ParseCIDR; projectcalico/calico:libcalico-go/lib/net/ipnet.go
// (`ParseCIDROrIP`: a bare IP gets a full-length prefix).
//
// IPv4-mapped IPv6 text ("::ffff:1.2.3.4", or a CIDR of it with a prefix of at least 96) is
// IPv4 to Calico: `ParseCIDROrIP` keeps `To4()` of a bare address, and Go prints such a network
// in dotted form (`IPNet.String` folds a mask whose first 96 bits are set), which every later
// stage re-parses as IPv4. With a shorter prefix the mask clears the `ffff` and it stays IPv6.

/// An IPv4 or IPv6 address with a prefix length.
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 bytes (IPv6).
    public var bytes: [UInt8]
    public var prefixLength: Int

    public var isIPv4: Bool { bytes.count == 4 }
    public var bitCount: Int { bytes.count * 8 }

    /// Parses `address/prefix` (Go `net.ParseCIDR`: the prefix is required).
    /// Each distinct text is parsed once per process (see `Memo`).
    public init?(cidr text: String) {
        guard let network = IPNetwork.parsedCIDRs.value(for: ExactText(text), { IPNetwork.parseCIDR(text) }) else {
            return nil
        }
        self = network
    }

    /// Parses a CIDR, or a bare address as a full-length network (Calico `ParseCIDROrIP`).
    /// Each distinct text is parsed once per process (see `Memo`).
    public init?(cidrOrIP text: String) {
        guard let network = IPNetwork.parsedCIDRsOrIPs.value(for: ExactText(text), { IPNetwork.parseCIDROrIP(text) })
        else { return nil }
        self = network
    }

    private static let parsedCIDRs = Memo<ExactText, IPNetwork?>(capacity: 16_384)
    private static let parsedCIDRsOrIPs = Memo<ExactText, IPNetwork?>(capacity: 16_384)

    static func parseCIDR(_ text: String) -> IPNetwork? {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        guard let address = IPNetwork.parseAddress(String(text[..<slash])) else { return nil }
        let prefixText = text[text.index(after: slash)...]
        guard !prefixText.isEmpty, prefixText.allSatisfy({ $0.isASCII && $0.isNumber }),
              prefixText.count <= 3, let prefix = Int(prefixText), prefix <= address.count * 8
        else { return nil }
        return IPNetwork(bytes: address, prefixLength: prefix).foldingIPv4Mapped
    }

    static func parseCIDROrIP(_ text: String) -> IPNetwork? {
        if text.contains("/") { return parseCIDR(text) }
        guard let address = IPNetwork.parseAddress(text) else { return nil }
        return IPNetwork(bytes: address, prefixLength: address.count * 8).foldingIPv4Mapped
    }

    /// From raw bytes (4 or 16) and a prefix length.
    public init(bytes: [UInt8], prefixLength: Int) {
        self.bytes = bytes
        self.prefixLength = prefixLength
    }

    /// `::ffff:a.b.c.d/p` with p ≥ 96 as `a.b.c.d/(p − 96)`; anything else unchanged.
    var foldingIPv4Mapped: IPNetwork {
        guard bytes.count == 16, prefixLength >= 96, bytes[10] == 0xFF, bytes[11] == 0xFF,
              bytes[0..<10].allSatisfy({ $0 == 0 })
        else { return self }
        return IPNetwork(bytes: Array(bytes[12..<16]), prefixLength: prefixLength - 96)
    }

    /// The network: host bits cleared (Go `IPNet.IP.Mask`).
    public var masked: IPNetwork {
        var copy = self
        for index in copy.bytes.indices {
            let bitsBefore = index * 8
            let keep = max(0, min(8, prefixLength - bitsBefore))
            let mask: UInt8 = keep == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
            copy.bytes[index] &= mask
        }
        return copy
    }

    /// The address alone, as a single-address network (/32 or /128).
    public var singleAddress: IPNetwork {
        var copy = self
        copy.prefixLength = bitCount
        return copy
    }

    /// The address without the prefix, as Go prints it.
    public var addressText: String {
        isIPv4 ? bytes.map { String($0) }.joined(separator: ".") : IPNetwork.formatIPv6(bytes)
    }

    /// `address/prefix`.
    public var description: String { "\(addressText)/\(prefixLength)" }

    // MARK: Parsing

    static func parseAddress(_ text: String) -> [UInt8]? {
        if text.contains(":") { return parseIPv6(Substring(text)) }
        return parseIPv4(Substring(text))
    }

    /// Dotted quad; like Go ≥ 1.17, a leading zero ("010") is rejected.
    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  !(part.count > 1 && part.first == "0"), let value = Int(part), value <= 255
            else { return nil }
            result.append(UInt8(value))
        }
        return result
    }

    static func parseIPv6(_ text: Substring) -> [UInt8]? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawDoubleColon = false
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        sawDoubleColon = halves.count == 2
        func groups(_ part: String, allowIPv4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            var out: [UInt16] = []
            for (index, item) in items.enumerated() {
                if allowIPv4Tail, index == items.count - 1, item.contains(".") {
                    guard let v4 = parseIPv4(item) else { return nil }
                    out.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    out.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                    continue
                }
                guard !item.isEmpty, item.count <= 4, let value = UInt16(item, radix: 16),
                      item.allSatisfy({ $0.isHexDigit && $0.isASCII })
                else { return nil }
                out.append(value)
            }
            return out
        }
        if sawDoubleColon {
            guard let h = groups(halves[0], allowIPv4Tail: false),
                  let t = groups(halves[1], allowIPv4Tail: true) else { return nil }
            head = h
            tail = t
            guard head.count + tail.count <= 7 else { return nil }
        } else {
            guard let h = groups(halves[0], allowIPv4Tail: true), h.count == 8 else { return nil }
            head = h
        }
        let all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    // MARK: Printing

    static func formatIPv6(_ bytes: [UInt8]) -> String {
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        // Longest run of zero groups, at least two long; the first such run wins a tie.
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < 8 && groups[end] == 0 { end += 1 }
            if end - index > bestLength {
                bestStart = index
                bestLength = end - index
            }
            index = end
        }
        if bestLength < 2 { bestStart = -1 }
        var text = ""
        var position = 0
        while position < 8 {
            if position == bestStart {
                text += "::"
                position += bestLength
                continue
            }
            if !text.isEmpty && !text.hasSuffix(":") { text += ":" }
            text += String(groups[position], radix: 16)
            position += 1
        }
        return text
    }
}
