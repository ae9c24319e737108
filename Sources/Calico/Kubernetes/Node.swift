// `v1` Node. Felix needs a Node object for its own host and reads addresses of the others.
// Source: kubernetes/kubernetes staging/src/k8s.io/api/core/v1/types.go (Node, NodeAddress).

/// A Kubernetes `v1` Node.
public struct Node: Codable, Hashable, Sendable {
    public var apiVersion: String = "v1"
    public var kind: String = "Node"
    public var metadata: ObjectMeta
    public var spec: NodeSpec?
    public var status: NodeStatus?

    public init(name: String, internalIP: String? = nil, podCIDR: String? = nil) {
        metadata = ObjectMeta(name: name)
        spec = podCIDR.map { NodeSpec(podCIDR: $0) }
        status = internalIP.map { NodeStatus(addresses: [NodeAddress(type: "InternalIP", address: $0)]) }
    }

    public var name: String { metadata.name }
}

public struct NodeSpec: Codable, Hashable, Sendable {
    public var podCIDR: String?
    public init(podCIDR: String? = nil) { self.podCIDR = podCIDR }
}

public struct NodeStatus: Codable, Hashable, Sendable {
    public var addresses: [NodeAddress]?
    public init(addresses: [NodeAddress]? = nil) { self.addresses = addresses }
}

public struct NodeAddress: Codable, Hashable, Sendable {
    /// `InternalIP`, `ExternalIP`, `Hostname`, ...
    public var type: String
    public var address: String
    public init(type: String, address: String) {
        self.type = type
        self.address = address
    }
}
