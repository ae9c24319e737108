// Calico's v3 policy rule, in full: what a Calico NetworkPolicy or GlobalNetworkPolicy says
// about traffic, as the `crd.projectcalico.org/v1` (and `projectcalico.org/v3`) JSON writes
// it. Empty optional fields are left out on encode, as Go's `omitempty` leaves them out.
// Not modelled: `http` and `metadata` (application-layer and annotation pass-through) and
// `services` (Service matches), which Felix reads from other resources.
// Source: projectcalico/calico:api/pkg/apis/projectcalico/v3/policy_common.go (Rule,
// EntityRule, ICMPFields, ServiceAccountMatch, Action); api/pkg/lib/numorstring/port.go.

/// A rule's action.
public enum V3Action: String, Codable, Hashable, Sendable, CaseIterable {
    case allow = "Allow"
    case deny = "Deny"
    case log = "Log"
    case pass = "Pass"

    /// The v1 action Felix's proto carries (`ruleActionAPIV3ToBackend`): lower case, and
    /// `Pass` as `next-tier`.
    public var v1: String { self == .pass ? "next-tier" : rawValue.lowercased() }
}

/// ICMP type and code (`icmp` / `notICMP`).
public struct V3ICMPFields: Codable, Hashable, Sendable {
    public var type: Int?
    public var code: Int?
    public init(type: Int? = nil, code: Int? = nil) {
        self.type = type
        self.code = code
    }
}

/// Service accounts a rule side matches: by name (in the policy's namespace) and/or selector
/// over the accounts' labels.
public struct V3ServiceAccountMatch: Codable, Hashable, Sendable {
    public var names: [String]?
    public var selector: String?
    public init(names: [String]? = nil, selector: String? = nil) {
        self.names = names
        self.selector = selector
    }
}

/// One side (source or destination) of a rule.
public struct V3EntityRule: Codable, Hashable, Sendable {
    public var nets: [String]?
    public var selector: String?
    public var namespaceSelector: String?
    public var ports: [CalicoPort]?
    public var notNets: [String]?
    public var notSelector: String?
    public var notPorts: [CalicoPort]?
    public var serviceAccounts: V3ServiceAccountMatch?

    public init(
        nets: [String]? = nil, selector: String? = nil, namespaceSelector: String? = nil, ports: [CalicoPort]? = nil,
        notNets: [String]? = nil, notSelector: String? = nil, notPorts: [CalicoPort]? = nil,
        serviceAccounts: V3ServiceAccountMatch? = nil
    ) {
        self.nets = nets
        self.selector = selector
        self.namespaceSelector = namespaceSelector
        self.ports = ports
        self.notNets = notNets
        self.notSelector = notSelector
        self.notPorts = notPorts
        self.serviceAccounts = serviceAccounts
    }
}

/// One v3 rule.
public struct V3Rule: Codable, Hashable, Sendable {
    public var action: V3Action
    /// 4 or 6.
    public var ipVersion: Int?
    public var `protocol`: V3Protocol?
    public var icmp: V3ICMPFields?
    public var notProtocol: V3Protocol?
    public var notICMP: V3ICMPFields?
    public var source: V3EntityRule
    public var destination: V3EntityRule

    public init(
        action: V3Action, ipVersion: Int? = nil, protocol: V3Protocol? = nil, icmp: V3ICMPFields? = nil,
        notProtocol: V3Protocol? = nil, notICMP: V3ICMPFields? = nil,
        source: V3EntityRule = V3EntityRule(), destination: V3EntityRule = V3EntityRule()
    ) {
        self.action = action
        self.ipVersion = ipVersion
        self.protocol = `protocol`
        self.icmp = icmp
        self.notProtocol = notProtocol
        self.notICMP = notICMP
        self.source = source
        self.destination = destination
    }

    private enum CodingKeys: String, CodingKey {
        case action, ipVersion, `protocol`, icmp, notProtocol, notICMP, source, destination
    }

    // `source` and `destination` may be absent (Go's `omitzero`); read them as empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        action = try c.decode(V3Action.self, forKey: .action)
        ipVersion = try c.decodeIfPresent(Int.self, forKey: .ipVersion)
        self.protocol = try c.decodeIfPresent(V3Protocol.self, forKey: .protocol)
        icmp = try c.decodeIfPresent(V3ICMPFields.self, forKey: .icmp)
        notProtocol = try c.decodeIfPresent(V3Protocol.self, forKey: .notProtocol)
        notICMP = try c.decodeIfPresent(V3ICMPFields.self, forKey: .notICMP)
        source = try c.decodeIfPresent(V3EntityRule.self, forKey: .source) ?? V3EntityRule()
        destination = try c.decodeIfPresent(V3EntityRule.self, forKey: .destination) ?? V3EntityRule()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(action, forKey: .action)
        try c.encodeIfPresent(ipVersion, forKey: .ipVersion)
        try c.encodeIfPresent(self.protocol, forKey: .protocol)
        try c.encodeIfPresent(icmp, forKey: .icmp)
        try c.encodeIfPresent(notProtocol, forKey: .notProtocol)
        try c.encodeIfPresent(notICMP, forKey: .notICMP)
        if source != V3EntityRule() { try c.encode(source, forKey: .source) }
        if destination != V3EntityRule() { try c.encode(destination, forKey: .destination) }
    }
}
