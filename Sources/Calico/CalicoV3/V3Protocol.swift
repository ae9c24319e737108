// Calico's protocol value (`numorstring.Protocol`): a number or a name, as written in JSON.
// Takes: `6` or `"TCP"` (any case) or `"6"`. Gives: the value as written, its v1 form
// (names lower-cased), and what the validator and the proto make of it.
// Sources (projectcalico/calico): api/pkg/lib/numorstring/protocol.go (`ProtocolFromString`,
// `ToV1`, `SupportsPorts`, `NumValue`), uint8orstring.go (JSON form),
// felix/calc/rule_convert.go (`protocolToProtoProtocol`: a JSON number stays a number, a
// string — even "6" — stays a name).

/// A v3 protocol: a JSON number (1–255) or a string.
public enum V3Protocol: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Int)
    case name(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let number = try? c.decode(Int.self) {
            guard (0...255).contains(number) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "protocol number \(number) is not 0–255")
            }
            self = .number(number)
        } else {
            self = .name(try c.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .name(let s): try c.encode(s)
        }
    }

    public var description: String {
        switch self {
        case .number(let n): return String(n)
        case .name(let s): return s
        }
    }

    /// The v1 form Felix's validator and rule scanner see: a name lower-cased (`ToV1`).
    public var v1: V3Protocol {
        if case .name(let s) = self { return .name(s.lowercased()) }
        return self
    }

    /// `NumValue`: the number, or a string of decimal digits up to 255.
    public var numericValue: Int? {
        switch self {
        case .number(let n): return n
        case .name(let s): return FelixRuleValidation.protocolNumber(s)
        }
    }

    /// The proto `Protocol` oneof (from the v1 form).
    public var protoMatch: ProtocolMatch {
        switch v1 {
        case .number(let n): return .number(n)
        case .name(let s): return .name(s)
        }
    }

    /// True for ICMP (name or 1) and ICMPv6 (name or 58): the protocols ICMP fields need.
    public var isICMPFamily: Bool { isICMPv4 || isICMPv6 }
    public var isICMPv4: Bool { v1 == .name("icmp") || numericValue == 1 }
    public var isICMPv6: Bool { v1 == .name("icmpv6") || numericValue == 58 }
}
