// Calico's own resources as Felix reads them through the Kubernetes datastore: CRD objects of
// group `crd.projectcalico.org/v1` (the same JSON as `projectcalico.org/v3`, which
// calicoctl and the Calico API server speak).
// - NetworkPolicy (namespaced) and GlobalNetworkPolicy: a tier, a float order, an endpoint
//   selector, and rules; a GlobalNetworkPolicy may also restrict by namespace selector.
// - NetworkSet (namespaced) and GlobalNetworkSet: labelled lists of CIDRs that selectors
//   can match like endpoints.
// - Tier: an order for a group of policies, and the action at its end (Deny or Pass).
// Source: projectcalico/calico:api/pkg/apis/projectcalico/v3/networkpolicy.go,
// globalnetworkpolicy.go, networkset.go, globalnetworkset.go, tier.go.

/// The apiVersions a Calico resource may carry.
public enum V3APIVersion {
    public static let crd = "crd.projectcalico.org/v1"
    public static let v3 = "projectcalico.org/v3"
    public static let all = [crd, v3]
}

/// The spec shared by NetworkPolicy and GlobalNetworkPolicy.
public struct V3PolicySpec: Codable, Hashable, Sendable {
    /// The tier's name; empty or absent means `default`.
    public var tier: String?
    /// Lower applies first; absent sorts after every order (+∞).
    public var order: Double?
    public var selector: String?
    /// `Ingress` and/or `Egress`; absent means both.
    public var types: [String]?
    public var ingress: [V3Rule]?
    public var egress: [V3Rule]?
    /// Selects endpoints by their service account's labels.
    public var serviceAccountSelector: String?
    /// GlobalNetworkPolicy only: selects endpoints by their namespace's labels.
    public var namespaceSelector: String?
    /// GlobalNetworkPolicy only (host endpoints); carried, not modelled further.
    public var doNotTrack: Bool?
    public var preDNAT: Bool?
    public var applyOnForward: Bool?

    public init(
        tier: String? = nil, order: Double? = nil, selector: String? = nil, types: [String]? = nil,
        ingress: [V3Rule]? = nil, egress: [V3Rule]? = nil, serviceAccountSelector: String? = nil,
        namespaceSelector: String? = nil
    ) {
        self.tier = tier
        self.order = order
        self.selector = selector
        self.types = types
        self.ingress = ingress
        self.egress = egress
        self.serviceAccountSelector = serviceAccountSelector
        self.namespaceSelector = namespaceSelector
    }
}

/// A Calico NetworkPolicy (namespaced).
public struct V3NetworkPolicy: Codable, Hashable, Sendable {
    public var apiVersion: String = V3APIVersion.crd
    public var kind: String = "NetworkPolicy"
    public var metadata: ObjectMeta
    public var spec: V3PolicySpec

    public init(namespace: String, name: String, spec: V3PolicySpec) {
        metadata = ObjectMeta(name: name, namespace: namespace)
        self.spec = spec
    }

    public var name: String { metadata.name }
    public var namespace: String { metadata.namespace ?? "default" }
}

/// A Calico GlobalNetworkPolicy (cluster-wide).
public struct V3GlobalNetworkPolicy: Codable, Hashable, Sendable {
    public var apiVersion: String = V3APIVersion.crd
    public var kind: String = "GlobalNetworkPolicy"
    public var metadata: ObjectMeta
    public var spec: V3PolicySpec

    public init(name: String, spec: V3PolicySpec) {
        metadata = ObjectMeta(name: name)
        self.spec = spec
    }

    public var name: String { metadata.name }
}

/// The spec of a NetworkSet or GlobalNetworkSet.
public struct V3NetworkSetSpec: Codable, Hashable, Sendable {
    public var nets: [String]?
    public init(nets: [String]? = nil) { self.nets = nets }
}

/// A Calico NetworkSet (namespaced): labelled CIDRs, in its namespace.
public struct V3NetworkSet: Codable, Hashable, Sendable {
    public var apiVersion: String = V3APIVersion.crd
    public var kind: String = "NetworkSet"
    public var metadata: ObjectMeta
    public var spec: V3NetworkSetSpec

    public init(namespace: String, name: String, labels: [String: String] = [:], nets: [String]) {
        metadata = ObjectMeta(name: name, namespace: namespace, labels: labels.isEmpty ? nil : labels)
        spec = V3NetworkSetSpec(nets: nets)
    }

    public var name: String { metadata.name }
    public var namespace: String { metadata.namespace ?? "default" }
}

/// A Calico GlobalNetworkSet: labelled CIDRs, in no namespace.
public struct V3GlobalNetworkSet: Codable, Hashable, Sendable {
    public var apiVersion: String = V3APIVersion.crd
    public var kind: String = "GlobalNetworkSet"
    public var metadata: ObjectMeta
    public var spec: V3NetworkSetSpec

    public init(name: String, labels: [String: String] = [:], nets: [String]) {
        metadata = ObjectMeta(name: name, labels: labels.isEmpty ? nil : labels)
        spec = V3NetworkSetSpec(nets: nets)
    }

    public var name: String { metadata.name }
}

/// The spec of a Tier.
public struct V3TierSpec: Codable, Hashable, Sendable {
    /// Lower applies first; absent sorts after every order.
    public var order: Double?
    /// `Deny` (the default) or `Pass`: what happens to traffic no policy of the tier decided.
    public var defaultAction: String?
    public init(order: Double? = nil, defaultAction: String? = nil) {
        self.order = order
        self.defaultAction = defaultAction
    }
}

/// A Calico Tier.
public struct V3Tier: Codable, Hashable, Sendable {
    public var apiVersion: String = V3APIVersion.crd
    public var kind: String = "Tier"
    public var metadata: ObjectMeta
    public var spec: V3TierSpec

    public init(name: String, order: Double?, defaultAction: String? = nil) {
        metadata = ObjectMeta(name: name)
        spec = V3TierSpec(order: order, defaultAction: defaultAction)
    }

    public var name: String { metadata.name }

    /// The tier as Felix's policy sorter holds it: the default action is Pass only when the
    /// spec says exactly `Pass`, otherwise Deny
    /// (libcalico-go/lib/backend/syncersv1/updateprocessors/tierprocessor.go).
    public var definition: TierDefinition {
        TierDefinition(name: name, order: spec.order, defaultAction: spec.defaultAction == "Pass" ? "Pass" : "Deny")
    }
}

/// Any of the Calico resources k8sfv reads, decoded by `kind` (the apiVersion must be Calico's).
public enum V3Resource: Codable, Hashable, Sendable {
    case networkPolicy(V3NetworkPolicy)
    case globalNetworkPolicy(V3GlobalNetworkPolicy)
    case networkSet(V3NetworkSet)
    case globalNetworkSet(V3GlobalNetworkSet)
    case tier(V3Tier)

    /// The kinds, as JSON spells them.
    public static let kinds = ["NetworkPolicy", "GlobalNetworkPolicy", "NetworkSet", "GlobalNetworkSet", "Tier"]

    /// True when the JSON object's apiVersion is one of Calico's and its kind one of these.
    public static func isCalicoResource(apiVersion: String?, kind: String?) -> Bool {
        guard let apiVersion, let kind else { return false }
        return V3APIVersion.all.contains(apiVersion) && kinds.contains(kind)
    }

    private enum Keys: String, CodingKey { case apiVersion, kind }

    /// Thrown for an object that is not one of these resources.
    public struct NotACalicoResource: Error, CustomStringConvertible {
        public var apiVersion: String
        public var kind: String
        public var description: String {
            "'\(kind)' of apiVersion '\(apiVersion)' is not a Calico resource k8sfv reads: expected apiVersion "
                + V3APIVersion.all.joined(separator: " or ") + " and kind " + V3Resource.kinds.joined(separator: ", ")
        }
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: Keys.self)
        let apiVersion = try keys.decode(String.self, forKey: .apiVersion)
        let kind = try keys.decode(String.self, forKey: .kind)
        guard V3APIVersion.all.contains(apiVersion) else { throw NotACalicoResource(apiVersion: apiVersion, kind: kind) }
        switch kind {
        case "NetworkPolicy": self = .networkPolicy(try V3NetworkPolicy(from: decoder))
        case "GlobalNetworkPolicy": self = .globalNetworkPolicy(try V3GlobalNetworkPolicy(from: decoder))
        case "NetworkSet": self = .networkSet(try V3NetworkSet(from: decoder))
        case "GlobalNetworkSet": self = .globalNetworkSet(try V3GlobalNetworkSet(from: decoder))
        case "Tier": self = .tier(try V3Tier(from: decoder))
        default: throw NotACalicoResource(apiVersion: apiVersion, kind: kind)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .networkPolicy(let o): try o.encode(to: encoder)
        case .globalNetworkPolicy(let o): try o.encode(to: encoder)
        case .networkSet(let o): try o.encode(to: encoder)
        case .globalNetworkSet(let o): try o.encode(to: encoder)
        case .tier(let o): try o.encode(to: encoder)
        }
    }

    public var metadata: ObjectMeta {
        switch self {
        case .networkPolicy(let o): return o.metadata
        case .globalNetworkPolicy(let o): return o.metadata
        case .networkSet(let o): return o.metadata
        case .globalNetworkSet(let o): return o.metadata
        case .tier(let o): return o.metadata
        }
    }

    public var kind: String {
        switch self {
        case .networkPolicy: return "NetworkPolicy"
        case .globalNetworkPolicy: return "GlobalNetworkPolicy"
        case .networkSet: return "NetworkSet"
        case .globalNetworkSet: return "GlobalNetworkSet"
        case .tier: return "Tier"
        }
    }
}

/// A Calico resource's identity: kind, namespace ("" for cluster-wide kinds) and name.
public struct V3ResourceKey: Hashable, Comparable, Sendable {
    public var kind: String
    public var namespace: String
    public var name: String
    public init(kind: String, namespace: String, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }
    public static func < (a: V3ResourceKey, b: V3ResourceKey) -> Bool {
        (a.kind, a.namespace, a.name) < (b.kind, b.namespace, b.name)
    }
}

extension V3Resource {
    public var key: V3ResourceKey {
        switch self {
        case .networkPolicy(let o): return V3ResourceKey(kind: kind, namespace: o.namespace, name: o.name)
        case .networkSet(let o): return V3ResourceKey(kind: kind, namespace: o.namespace, name: o.name)
        default: return V3ResourceKey(kind: kind, namespace: "", name: metadata.name)
        }
    }
}
