// The parts of Felix's proto `Rule` that only Calico's own policies produce: ICMP type/code
// matches and service-account matches.
// Source: projectcalico/calico:felix/proto/felixbackend.proto (`Rule.icmp` oneof
// `icmp_type` / `icmp_type_code`, `not_icmp`, `ServiceAccountMatch`), felix/calc/rule_convert.go
// (`parsedRuleToProtoRule`: a code is sent only with a type; a service-account match only when
// it has names or a selector).

/// `icmp_type`, or `icmp_type_code` when a code is given too.
public struct ICMPMatch: Codable, Hashable, Sendable {
    public var type: Int
    public var code: Int?
    public init(type: Int, code: Int? = nil) {
        self.type = type
        self.code = code
    }
}

/// `ServiceAccountMatch{selector, names}`, with the v3 selector text as written.
public struct ServiceAccountMatch: Codable, Hashable, Sendable {
    public var selector: String
    public var names: [String]
    public init(selector: String = "", names: [String] = []) {
        self.selector = selector
        self.names = names
    }
}
