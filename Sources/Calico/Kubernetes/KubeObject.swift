// The objects k8sfv reads and writes, as one type, plus the keys that name them.
// `KubeObject` encodes as the object's own Kubernetes JSON and decodes by its `kind`,
// so a list of them reads like `kubectl get -o json` output.

/// A namespace/name pair, ordered by namespace then name so sorted output is stable.
public struct ObjectKey: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }
    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        (a.namespace, a.name) < (b.namespace, b.name)
    }
    public var description: String { "\(namespace)/\(name)" }
}

/// The kinds of object k8sfv handles.
public enum ObjectKind: String, Codable, Hashable, Comparable, Sendable, CaseIterable {
    case namespace = "Namespace"
    case node = "Node"
    case serviceAccount = "ServiceAccount"
    case pod = "Pod"
    case networkPolicy = "NetworkPolicy"

    public static func < (a: ObjectKind, b: ObjectKind) -> Bool {
        a.sortRank < b.sortRank
    }
    /// Dependency order: namespaces and nodes before what lives in them.
    var sortRank: Int {
        switch self {
        case .namespace: return 0
        case .node: return 1
        case .serviceAccount: return 2
        case .pod: return 3
        case .networkPolicy: return 4
        }
    }
    public var isNamespaced: Bool { self == .pod || self == .networkPolicy || self == .serviceAccount }
}

/// A reference to one object: its kind, namespace (empty when cluster-scoped) and name.
public struct ObjectRef: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var kind: ObjectKind
    public var namespace: String?
    public var name: String
    public init(kind: ObjectKind, namespace: String? = nil, name: String) {
        self.kind = kind
        self.namespace = kind.isNamespaced ? (namespace ?? "default") : nil
        self.name = name
    }
    public static func < (a: ObjectRef, b: ObjectRef) -> Bool {
        (a.kind.sortRank, a.namespace ?? "", a.name) < (b.kind.sortRank, b.namespace ?? "", b.name)
    }
    public var description: String {
        if let namespace { return "\(kind.rawValue) \(namespace)/\(name)" }
        return "\(kind.rawValue) \(name)"
    }
}

/// Any object k8sfv handles, encoded as its real Kubernetes JSON.
public enum KubeObject: Codable, Hashable, Sendable {
    case namespace(Namespace)
    case node(Node)
    case serviceAccount(ServiceAccount)
    case pod(Pod)
    case networkPolicy(NetworkPolicy)

    public var kind: ObjectKind {
        switch self {
        case .namespace: return .namespace
        case .node: return .node
        case .serviceAccount: return .serviceAccount
        case .pod: return .pod
        case .networkPolicy: return .networkPolicy
        }
    }

    public var metadata: ObjectMeta {
        switch self {
        case .namespace(let o): return o.metadata
        case .node(let o): return o.metadata
        case .serviceAccount(let o): return o.metadata
        case .pod(let o): return o.metadata
        case .networkPolicy(let o): return o.metadata
        }
    }

    public var ref: ObjectRef {
        ObjectRef(kind: kind, namespace: metadata.namespace, name: metadata.name)
    }

    private enum KindKey: String, CodingKey { case kind, apiVersion }

    /// Thrown when a JSON object's `kind` is not one k8sfv handles.
    public struct UnsupportedKind: Error, CustomStringConvertible {
        public var kind: String
        public var description: String {
            "unsupported object kind '\(kind)': k8sfv handles Namespace, Node, ServiceAccount, Pod and NetworkPolicy"
        }
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: KindKey.self)
        let kind = try keys.decode(String.self, forKey: .kind)
        switch kind {
        case "Namespace": self = .namespace(try Namespace(from: decoder))
        case "Node": self = .node(try Node(from: decoder))
        case "ServiceAccount": self = .serviceAccount(try ServiceAccount(from: decoder))
        case "Pod": self = .pod(try Pod(from: decoder))
        case "NetworkPolicy": self = .networkPolicy(try NetworkPolicy(from: decoder))
        default: throw UnsupportedKind(kind: kind)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .namespace(let o): try o.encode(to: encoder)
        case .node(let o): try o.encode(to: encoder)
        case .serviceAccount(let o): try o.encode(to: encoder)
        case .pod(let o): try o.encode(to: encoder)
        case .networkPolicy(let o): try o.encode(to: encoder)
        }
    }
}

/// One write to the cluster: create-or-replace an object, or delete one.
public enum Write: Codable, Hashable, Sendable {
    case put(KubeObject)
    case delete(ObjectRef)

    private enum CodingKeys: String, CodingKey { case op, object, ref }

    public var ref: ObjectRef {
        switch self {
        case .put(let object): return object.ref
        case .delete(let ref): return ref
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let op = try c.decode(String.self, forKey: .op)
        switch op {
        case "put": self = .put(try c.decode(KubeObject.self, forKey: .object))
        case "delete": self = .delete(try c.decode(ObjectRef.self, forKey: .ref))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .op, in: c, debugDescription: "op must be 'put' or 'delete', not '\(op)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .put(let object):
            try c.encode("put", forKey: .op)
            try c.encode(object, forKey: .object)
        case .delete(let ref):
            try c.encode("delete", forKey: .op)
            try c.encode(ref, forKey: .ref)
        }
    }
}
