// `networking.k8s.io/v1` NetworkPolicy. Optionals keep the difference between an absent
// field and an empty one, which Calico's converter treats differently (e.g. `ingress: []`
// versus no `ingress`, a nil versus an empty namespaceSelector).
// Source: kubernetes/kubernetes staging/src/k8s.io/api/networking/v1/types.go.

/// A Kubernetes NetworkPolicy.
public struct NetworkPolicy: Codable, Hashable, Sendable {
    public var apiVersion: String = "networking.k8s.io/v1"
    public var kind: String = "NetworkPolicy"
    public var metadata: ObjectMeta
    public var spec: NetworkPolicySpec

    public init(metadata: ObjectMeta, spec: NetworkPolicySpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public var name: String { metadata.name }
    public var namespace: String { metadata.namespace ?? "default" }
    public var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }
}

public struct NetworkPolicySpec: Codable, Hashable, Sendable {
    public var podSelector: LabelSelector
    /// `Ingress` and/or `Egress`. When absent on create, the API server fills it in
    /// (`Ingress`, plus `Egress` when egress rules exist); Calico's converter reads a list
    /// that is still empty as `[Ingress]`.
    public var policyTypes: [String]?
    public var ingress: [NetworkPolicyIngressRule]?
    public var egress: [NetworkPolicyEgressRule]?

    public init(
        podSelector: LabelSelector = LabelSelector(), policyTypes: [String]? = nil,
        ingress: [NetworkPolicyIngressRule]? = nil, egress: [NetworkPolicyEgressRule]? = nil
    ) {
        self.podSelector = podSelector
        self.policyTypes = policyTypes
        self.ingress = ingress
        self.egress = egress
    }
}

public struct NetworkPolicyIngressRule: Codable, Hashable, Sendable {
    public var ports: [NetworkPolicyPort]?
    public var from: [NetworkPolicyPeer]?
    public init(ports: [NetworkPolicyPort]? = nil, from: [NetworkPolicyPeer]? = nil) {
        self.ports = ports
        self.from = from
    }
}

public struct NetworkPolicyEgressRule: Codable, Hashable, Sendable {
    public var ports: [NetworkPolicyPort]?
    public var to: [NetworkPolicyPeer]?
    public init(ports: [NetworkPolicyPort]? = nil, to: [NetworkPolicyPeer]? = nil) {
        self.ports = ports
        self.to = to
    }
}

/// One peer: pods by selector, namespaces by selector, both, or an IP block.
public struct NetworkPolicyPeer: Codable, Hashable, Sendable {
    public var podSelector: LabelSelector?
    public var namespaceSelector: LabelSelector?
    public var ipBlock: IPBlock?
    public init(podSelector: LabelSelector? = nil, namespaceSelector: LabelSelector? = nil, ipBlock: IPBlock? = nil) {
        self.podSelector = podSelector
        self.namespaceSelector = namespaceSelector
        self.ipBlock = ipBlock
    }
}

public struct IPBlock: Codable, Hashable, Sendable {
    public var cidr: String
    public var except: [String]?
    public init(cidr: String, except: [String]? = nil) {
        self.cidr = cidr
        self.except = except
    }
}

public struct NetworkPolicyPort: Codable, Hashable, Sendable {
    /// `TCP`, `UDP` or `SCTP`; absent means TCP.
    public var `protocol`: String?
    /// A number or the name of a container port.
    public var port: IntOrString?
    /// With a numeric `port`, the end of an inclusive range.
    public var endPort: Int?
    public init(protocol: String? = nil, port: IntOrString? = nil, endPort: Int? = nil) {
        self.protocol = `protocol`
        self.port = port
        self.endPort = endPort
    }
}

/// Kubernetes `IntOrString`: encodes as a bare JSON number or string.
public enum IntOrString: Codable, Hashable, Sendable {
    case int(Int)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }

    /// The value as Calico's converter first renders it (`strconv` of the int, or the string).
    public var stringValue: String {
        switch self {
        case .int(let value): return String(value)
        case .string(let value): return value
        }
    }
}
