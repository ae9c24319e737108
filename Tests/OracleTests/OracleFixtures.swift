import Calico

/// A small cluster of the seed scenario's shape: two namespaces, a local and a remote node,
/// pods on both, and policies that reach across namespaces.
enum OracleFixtures {
    static let localHost = "node-a"
    static let remoteHost = "node-b"

    static func pod(
        _ namespace: String, _ name: String, node: String?, ip: String?, labels: [String: String],
        serviceAccount: String? = "default", phase: String = "Running", ports: [ContainerPort]? = nil
    ) -> Pod {
        Pod(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
            spec: PodSpec(nodeName: node, serviceAccountName: serviceAccount,
                containers: [Container(name: "c", image: "example.invalid/app:1", ports: ports)]),
            status: PodStatus(phase: phase, podIP: ip, podIPs: ip.map { [PodIP(ip: $0)] }))
    }

    static func policy(
        _ namespace: String, _ name: String, selecting podLabels: [String: String], types: [String] = ["Ingress"],
        ingress: [NetworkPolicyIngressRule]? = nil, egress: [NetworkPolicyEgressRule]? = nil
    ) -> NetworkPolicy {
        NetworkPolicy(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: NetworkPolicySpec(podSelector: LabelSelector(matchLabels: podLabels.isEmpty ? nil : podLabels),
                policyTypes: types, ingress: ingress, egress: egress))
    }

    static let fromDev = NetworkPolicyPeer(namespaceSelector: LabelSelector(matchLabels: ["env": "dev"]))

    static var namespaces: [KubeObject] {
        [.namespace(Namespace(name: "prod", labels: ["env": "prod"])),
         .namespace(Namespace(name: "dev", labels: ["env": "dev"]))]
    }

    static var nodes: [KubeObject] {
        [.node(Node(name: localHost, internalIP: "192.168.0.1")), .node(Node(name: remoteHost, internalIP: "192.168.0.2"))]
    }

    static let httpPort = ContainerPort(name: "http", containerPort: 8080, protocol: "TCP")

    static var pods: [KubeObject] {
        [
            .pod(pod("prod", "web-1", node: localHost, ip: "10.0.0.1", labels: ["app": "web"], ports: [httpPort])),
            .pod(pod("prod", "web-2", node: remoteHost, ip: "10.0.0.2", labels: ["app": "web"], ports: [httpPort])),
            .pod(pod("prod", "db-1", node: localHost, ip: "10.0.0.3", labels: ["app": "db"])),
            .pod(pod("dev", "client-1", node: remoteHost, ip: "10.0.1.1", labels: ["app": "client", "role": "remote"])),
            .pod(pod("dev", "client-2", node: localHost, ip: "10.0.1.2", labels: ["app": "client"])),
        ]
    }

    static var policies: [KubeObject] {
        [
            // Namespace labels reach endpoints through the kns. profile: a pcns. selector.
            .networkPolicy(policy("prod", "allow-from-dev", selecting: ["app": "web"],
                ingress: [NetworkPolicyIngressRule(from: [fromDev])])),
            // Default deny: every prod pod, no rules, so no IP sets.
            .networkPolicy(policy("prod", "default-deny", selecting: [:])),
            // A named port on the destination, from web pods.
            .networkPolicy(policy("prod", "db-from-web", selecting: ["app": "db"],
                ingress: [NetworkPolicyIngressRule(ports: [NetworkPolicyPort(protocol: "TCP", port: .string("http"))],
                    from: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["app": "web"]))])])),
            // Only a remote pod matches: inactive on node-a.
            .networkPolicy(policy("dev", "remote-only", selecting: ["role": "remote"],
                ingress: [NetworkPolicyIngressRule(from: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["app": "nobody"]))])])),
        ]
    }

    static var cluster: ClusterSnapshot {
        ClusterSnapshot(objects: namespaces + nodes + pods + policies)
    }

    static func felixPolicy(_ snapshot: ClusterSnapshot, _ namespace: String, _ name: String) -> FelixPolicy? {
        snapshot.policies[ObjectKey(namespace: namespace, name: name)].map(FelixPolicyConversion.felixPolicy(for:))
    }

    static func policyID(_ namespace: String, _ name: String) -> PolicyID {
        PolicyID(name: name, namespace: namespace, kind: "KubernetesNetworkPolicy")
    }

    static func endpointID(_ namespace: String, _ pod: String) -> WorkloadEndpointID {
        WorkloadEndpointID(workloadID: "\(namespace)/\(pod)")
    }
}
