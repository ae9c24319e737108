// `v1` Pod: the fields Calico's pod→workload-endpoint conversion reads.
// Source: kubernetes/kubernetes staging/src/k8s.io/api/core/v1/types.go (Pod, PodSpec, PodStatus);
// what Calico reads: projectcalico/calico libcalico-go/lib/backend/k8s/conversion/conversion.go.

/// A Kubernetes `v1` Pod.
public struct Pod: Codable, Hashable, Sendable {
    public var apiVersion: String = "v1"
    public var kind: String = "Pod"
    public var metadata: ObjectMeta
    public var spec: PodSpec
    public var status: PodStatus?

    public init(metadata: ObjectMeta, spec: PodSpec, status: PodStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public var name: String { metadata.name }
    public var namespace: String { metadata.namespace ?? "default" }
    public var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }
    public var labels: [String: String] { metadata.labelsOrEmpty }
}

public struct PodSpec: Codable, Hashable, Sendable {
    /// Empty until the scheduler binds the pod; Calico skips unscheduled pods.
    public var nodeName: String?
    public var serviceAccountName: String?
    /// Host-networked pods never become workload endpoints.
    public var hostNetwork: Bool?
    public var containers: [Container]
    public var initContainers: [Container]?

    public init(
        nodeName: String? = nil, serviceAccountName: String? = nil, hostNetwork: Bool? = nil,
        containers: [Container], initContainers: [Container]? = nil
    ) {
        self.nodeName = nodeName
        self.serviceAccountName = serviceAccountName
        self.hostNetwork = hostNetwork
        self.containers = containers
        self.initContainers = initContainers
    }
}

public struct Container: Codable, Hashable, Sendable {
    public var name: String
    public var image: String?
    public var ports: [ContainerPort]?

    public init(name: String, image: String? = nil, ports: [ContainerPort]? = nil) {
        self.name = name
        self.image = image
        self.ports = ports
    }
}

/// A container port. A named one can be the target of a NetworkPolicy named port.
public struct ContainerPort: Codable, Hashable, Sendable {
    public var name: String?
    public var containerPort: Int
    /// `TCP` (the default when absent), `UDP` or `SCTP`.
    public var `protocol`: String?
    public var hostPort: Int?

    public init(name: String? = nil, containerPort: Int, protocol: String? = nil, hostPort: Int? = nil) {
        self.name = name
        self.containerPort = containerPort
        self.protocol = `protocol`
        self.hostPort = hostPort
    }
}

public struct PodStatus: Codable, Hashable, Sendable {
    /// `Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`. Calico treats a finished
    /// pod (Succeeded or Failed) as having no IP.
    public var phase: String?
    public var podIP: String?
    public var podIPs: [PodIP]?

    public init(phase: String? = nil, podIP: String? = nil, podIPs: [PodIP]? = nil) {
        self.phase = phase
        self.podIP = podIP
        self.podIPs = podIPs
    }
}

public struct PodIP: Codable, Hashable, Sendable {
    public var ip: String
    public init(ip: String) { self.ip = ip }
}
