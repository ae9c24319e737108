// Protocol names as Calico's v3 API spells them.
// Source: projectcalico/calico:api/pkg/lib/numorstring/protocol.go (`ProtocolFromString`).

enum CalicoProtocol {
    /// The names `ProtocolFromString` recognises, in its search order.
    static let names = ["UDP", "TCP", "ICMP", "ICMPv6", "SCTP", "UDPLite", "any"]

    /// A case-insensitive match gives the canonical spelling; anything else is kept as is
    /// (validation would reject it, but the converter does not).
    static func canonical(_ text: String) -> String {
        names.first { $0.lowercased() == text.lowercased() } ?? text
    }
}
