import Foundation

// The cluster's objects at one moment. Both the oracle and the generators work on it, and
// `applying(_:)` is how a step moves the cluster forward. Storage is by key; every listing
// (`sortedPods`, the JSON form) is sorted so that no hash order leaks into output.

/// Every object of the kinds k8sfv handles, keyed for lookup.
public struct ClusterSnapshot: Hashable, Sendable {
    public var namespaces: [String: Namespace] = [:]
    public var nodes: [String: Node] = [:]
    public var pods: [ObjectKey: Pod] = [:]
    public var policies: [ObjectKey: NetworkPolicy] = [:]
    public var serviceAccounts: [ObjectKey: ServiceAccount] = [:]
    /// True once the snapshot has held or lost a ServiceAccount: from then on its accounts are
    /// the complete list, and a pod naming an account not in it references a missing profile
    /// (deny rules, no labels). Until then every account a pod names is assumed to exist with
    /// no labels of its own, as the API server's admission guarantees (spec §0 A3). Sticky, so
    /// that deleting the last account still leaves it missing.
    public var tracksServiceAccounts = false
    /// Calico's own resources (policies, network sets, tiers), as read from a snapshot file or
    /// written with `apply(_: CalicoWrite)`. The oracle and the model read them; scenarios do
    /// not write them yet.
    public var calicoResources: [V3ResourceKey: V3Resource] = [:]

    public init() {}

    public init(objects: [KubeObject]) {
        for object in objects { apply(.put(object)) }
    }

    /// A copy with one write applied: put replaces (or creates) the object, delete removes it.
    public func applying(_ write: Write) -> ClusterSnapshot {
        var copy = self
        copy.apply(write)
        return copy
    }

    public mutating func apply(_ write: Write) {
        switch write {
        case .put(let object):
            switch object {
            case .namespace(let ns): namespaces[ns.name] = ns
            case .node(let node): nodes[node.name] = node
            case .pod(let pod): pods[pod.key] = pod
            case .networkPolicy(let policy): policies[policy.key] = policy
            case .serviceAccount(let account):
                serviceAccounts[account.key] = account
                tracksServiceAccounts = true
            }
        case .delete(let ref):
            switch ref.kind {
            case .namespace: namespaces[ref.name] = nil
            case .node: nodes[ref.name] = nil
            case .pod: pods[ObjectKey(namespace: ref.namespace ?? "default", name: ref.name)] = nil
            case .networkPolicy:
                policies[ObjectKey(namespace: ref.namespace ?? "default", name: ref.name)] = nil
            case .serviceAccount:
                serviceAccounts[ObjectKey(namespace: ref.namespace ?? "default", name: ref.name)] = nil
                tracksServiceAccounts = true
            }
        }
    }

    public mutating func apply(_ writes: [Write]) {
        for write in writes { apply(write) }
    }

    /// The object a reference names, if present.
    public func object(_ ref: ObjectRef) -> KubeObject? {
        switch ref.kind {
        case .namespace: return namespaces[ref.name].map(KubeObject.namespace)
        case .node: return nodes[ref.name].map(KubeObject.node)
        case .pod:
            return pods[ObjectKey(namespace: ref.namespace ?? "default", name: ref.name)].map(KubeObject.pod)
        case .networkPolicy:
            return policies[ObjectKey(namespace: ref.namespace ?? "default", name: ref.name)]
                .map(KubeObject.networkPolicy)
        case .serviceAccount:
            return serviceAccounts[ObjectKey(namespace: ref.namespace ?? "default", name: ref.name)]
                .map(KubeObject.serviceAccount)
        }
    }

    public var sortedNamespaces: [Namespace] { namespaces.keys.sorted().map { namespaces[$0]! } }
    public var sortedNodes: [Node] { nodes.keys.sorted().map { nodes[$0]! } }
    public var sortedPods: [Pod] { pods.keys.sorted().map { pods[$0]! } }
    public var sortedPolicies: [NetworkPolicy] { policies.keys.sorted().map { policies[$0]! } }
    public var sortedServiceAccounts: [ServiceAccount] {
        serviceAccounts.keys.sorted().map { serviceAccounts[$0]! }
    }

    /// Every object, in dependency order (namespaces, nodes, service accounts, pods, policies),
    /// each kind sorted.
    public var allObjects: [KubeObject] {
        sortedNamespaces.map(KubeObject.namespace) + sortedNodes.map(KubeObject.node)
            + sortedServiceAccounts.map(KubeObject.serviceAccount)
            + sortedPods.map(KubeObject.pod) + sortedPolicies.map(KubeObject.networkPolicy)
    }

    public var isEmpty: Bool {
        namespaces.isEmpty && nodes.isEmpty && pods.isEmpty && policies.isEmpty && serviceAccounts.isEmpty
            && calicoResources.isEmpty
    }

    /// Calico's resources, sorted by kind, namespace and name.
    public var sortedCalicoResources: [V3Resource] { calicoResources.keys.sorted().map { calicoResources[$0]! } }
}

extension ClusterSnapshot: Codable {
    // Encoded as a Kubernetes `List`, so `kubectl get ns,nodes,pods,networkpolicies -A -o json`
    // output can be read as a snapshot directly. Items of other kinds are skipped on decode.
    // A list holding a ServiceAccount is taken as the complete list of accounts
    // (`tracksServiceAccounts`); one that tracked accounts but holds none encodes as a list
    // with no accounts, which reads back as not tracking them. Items with a Calico apiVersion
    // are read as Calico resources (a Calico NetworkPolicy is not a Kubernetes one), after the
    // Kubernetes objects on encode.
    private enum CodingKeys: String, CodingKey { case apiVersion, kind, items }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var items = try c.nestedUnkeyedContainer(forKey: .items)
        self.init()
        while !items.isAtEnd {
            switch try items.decode(SnapshotItem.self) {
            case .kube(let object): apply(.put(object))
            case .calico(let resource): calicoResources[resource.key] = resource
            case .skipped: break
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("v1", forKey: .apiVersion)
        try c.encode("List", forKey: .kind)
        if calicoResources.isEmpty {
            try c.encode(allObjects, forKey: .items)
        } else {
            var items = c.nestedUnkeyedContainer(forKey: .items)
            for object in allObjects { try items.encode(object) }
            for resource in sortedCalicoResources { try items.encode(resource) }
        }
    }

    /// One list item, sorted by its apiVersion and kind before it is decoded.
    private enum SnapshotItem: Decodable {
        case kube(KubeObject)
        case calico(V3Resource)
        case skipped

        private enum Probe: String, CodingKey { case apiVersion, kind }

        init(from decoder: any Decoder) throws {
            let probe = try decoder.container(keyedBy: Probe.self)
            let apiVersion = try probe.decodeIfPresent(String.self, forKey: .apiVersion)
            let kind = try probe.decodeIfPresent(String.self, forKey: .kind)
            if V3APIVersion.all.contains(apiVersion ?? "") {
                self = V3Resource.isCalicoResource(apiVersion: apiVersion, kind: kind)
                    ? .calico(try V3Resource(from: decoder)) : .skipped
                return
            }
            do {
                self = .kube(try KubeObject(from: decoder))
            } catch is KubeObject.UnsupportedKind {
                self = .skipped
            }
        }
    }
}

/// The JSON coders k8sfv uses everywhere: sorted keys, so the same value is the same bytes.
public enum KubeJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty
            ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        try encoder(pretty: pretty).encode(value)
    }

    public static func encodeString<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
        String(decoding: try encode(value, pretty: pretty), as: UTF8.self)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }
}
