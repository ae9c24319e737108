// The checks Felix's validation filter applies to one rule of a policy, as far as a rule can
// break them. A rule that breaks one makes the whole policy invalid: the filter passes the
// policy on as a deletion, so Felix never sees it.
// Takes: a v3 rule (its protocol, ports and selectors). Gives: the first reason it is
// rejected, or nil. Cost: up to two selector parses.
// Sources (projectcalico/calico): felix/calc/validation_filter.go (v1 keys use the v1
// validator); typha/pkg/validator/v1/validator.go (`validateProtocol`, `protocolRegex`,
// `validateBackendRule`); libcalico-go/lib/backend/model/rule.go (the `selector` tag on every
// original selector, namespace selectors included); api/pkg/lib/numorstring/protocol.go
// (`SupportsPorts`, `NumValue`).

enum FelixRuleValidation {
    /// The protocol names the v1 validator accepts (`protocolRegex`), after `ToV1` lower-cases.
    static let protocolNames: Set<String> = ["tcp", "udp", "icmp", "icmpv6", "sctp", "udplite"]

    /// Why Felix's validator rejects a policy holding this rule, or nil when it accepts it.
    static func rejection(of rule: CalicoRule) -> String? {
        let ports = (rule.source.ports ?? []) + (rule.destination.ports ?? [])
        if let name = rule.protocol?.lowercased() {
            let number = protocolNumber(name)
            if let number, number == 0 { return "protocol number invalid" }
            if number == nil, !protocolNames.contains(name) { return "protocol name invalid" }
            if !ports.isEmpty, !supportsPorts(name) {
                return "protocol does not support ports: \(rule.protocol ?? "")"
            }
        } else if ports.contains(where: { $0.name == nil }) {
            return "single or range port values need a protocol (TCP, UDP or SCTP)"
        }
        for side in [rule.source, rule.destination] {
            if let text = side.namespaceSelector, !text.isEmpty, (try? Selector(parsing: text)) == nil {
                return "namespace selector does not parse: \(text)"
            }
        }
        return nil
    }

    /// Go `strconv.ParseUint(s, 10, 8)`: decimal digits only, at most 255.
    static func protocolNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let trimmed = text.drop { $0 == "0" }
        guard trimmed.count <= 3, let value = Int(trimmed.isEmpty ? "0" : String(trimmed)), value <= 255 else {
            return nil
        }
        return value
    }

    /// `SupportsPorts`: TCP, UDP and SCTP, by name or number. UDPLite has none.
    static func supportsPorts(_ lowerCasedName: String) -> Bool {
        if let number = protocolNumber(lowerCasedName) { return number == 6 || number == 17 || number == 132 }
        return lowerCasedName == "tcp" || lowerCasedName == "udp" || lowerCasedName == "sctp"
    }
}
