// Calico's `projectcalico.org/v3` NetworkPolicy, as much of it as a converted Kubernetes
// NetworkPolicy fills in, with Calico's JSON field names. Empty optional fields are left out,
// as Go's `omitempty` leaves them out; `source` and `destination` are always written (Go does
// not omit an empty struct).
// Source: projectcalico/calico:api/pkg/apis/projectcalico/v3/networkpolicy.go, policy_common.go
// (Rule, EntityRule); api/pkg/lib/numorstring/port.go (Port JSON form).

/// A Calico v3 NetworkPolicy.
public struct CalicoNetworkPolicy: Codable, Hashable, Sendable {
    public var apiVersion: String = "projectcalico.org/v3"
    public var kind: String = "NetworkPolicy"
    public var metadata: CalicoObjectMeta
    public var spec: CalicoNetworkPolicySpec

    public init(metadata: CalicoObjectMeta, spec: CalicoNetworkPolicySpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct CalicoObjectMeta: Codable, Hashable, Sendable {
    public var name: String
    public var namespace: String?
    public init(name: String, namespace: String?) {
        self.name = name
        self.namespace = namespace
    }
}

public struct CalicoNetworkPolicySpec: Codable, Hashable, Sendable {
    public var tier: String?
    public var order: Double?
    /// The endpoint selector, before namespace scoping.
    public var selector: String?
    /// `Ingress` and/or `Egress`.
    public var types: [String]?
    public var ingress: [CalicoRule]?
    public var egress: [CalicoRule]?

    public init(
        tier: String? = nil, order: Double? = nil, selector: String? = nil, types: [String]? = nil,
        ingress: [CalicoRule]? = nil, egress: [CalicoRule]? = nil
    ) {
        self.tier = tier
        self.order = order
        self.selector = selector
        self.types = types
        self.ingress = ingress
        self.egress = egress
    }
}

/// One v3 rule.
public struct CalicoRule: Codable, Hashable, Sendable {
    /// `Allow` for every rule a Kubernetes policy produces.
    public var action: String
    /// Canonical spelling (`TCP`, `UDP`, `SCTP`, ...); nil = any protocol.
    public var `protocol`: String?
    public var source: CalicoEntityRule
    public var destination: CalicoEntityRule

    public init(action: String, protocol: String? = nil, source: CalicoEntityRule = .init(), destination: CalicoEntityRule = .init()) {
        self.action = action
        self.protocol = `protocol`
        self.source = source
        self.destination = destination
    }
}

/// One side of a v3 rule.
public struct CalicoEntityRule: Codable, Hashable, Sendable {
    public var selector: String?
    public var namespaceSelector: String?
    public var nets: [String]?
    public var notNets: [String]?
    public var ports: [CalicoPort]?

    public init(
        selector: String? = nil, namespaceSelector: String? = nil, nets: [String]? = nil,
        notNets: [String]? = nil, ports: [CalicoPort]? = nil
    ) {
        self.selector = selector
        self.namespaceSelector = namespaceSelector
        self.nets = nets
        self.notNets = notNets
        self.ports = ports
    }

    /// True when the side matches everything (no field set).
    public var isEmpty: Bool {
        selector == nil && namespaceSelector == nil && nets == nil && notNets == nil && ports == nil
    }
}
