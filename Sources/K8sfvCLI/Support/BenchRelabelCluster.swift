import Calico

// BenchRelabelCluster: the cluster `bench relabel` times relabels in. Takes a pod count; gives,
// deterministically, nodes (one per 100 pods, at least 10; host-0 is local), namespaces (one
// per 100 pods, at least 10, labelled area/maturity), pods spread over namespaces and hosts
// (labels role/instance/ha/app, one named port, a unique IPv4), and ten NetworkPolicies of 1–10
// ingress rules whose peers select pods across the whole cluster — so the IP sets are large
// and a remote relabel moves members in several of them. Pods are produced one at a time so
// the benchmark never holds the whole cluster. Cost: O(pods).

struct BenchRelabelCluster {
    static let roles = ["role1", "role2", "role3", "role4", "role5"]
    static let areas = ["area1", "area2", "area3", "area4", "area5"]
    static let maturities = ["production", "test", "staging", "experimental", "out-of-service"]

    let pods: Int
    let hosts: Int
    let namespaces: Int
    let localHost = "host-0"

    init(pods: Int) {
        self.pods = max(1, pods)
        hosts = max(10, self.pods / 100)
        namespaces = max(10, self.pods / 100)
    }

    var podsPerNamespace: Int { (pods + namespaces - 1) / namespaces }

    func nodes() -> [Node] {
        (0..<hosts).map { Node(name: "host-\($0)", internalIP: "192.168.\($0 / 250).\($0 % 250 + 1)") }
    }

    func namespaceObjects() -> [Namespace] {
        (0..<namespaces).map { n in
            Namespace(name: "ns-\(n)", labels: [
                "area": Self.areas[n % 5], "maturity": Self.maturities[(n / 5) % 5],
                "kubernetes.io/metadata.name": "ns-\(n)",
            ])
        }
    }

    /// Pod number `index` (0..<pods), with its role shifted by `relabel` (0 = as created).
    func pod(_ index: Int, relabel: Int = 0) -> Pod {
        let namespace = index / podsPerNamespace
        let within = index % podsPerNamespace
        let host = index % hosts
        let ip = index + 1
        let address = "10.\(ip >> 16 & 255).\(ip >> 8 & 255).\(ip & 255)"
        let labels = [
            "role": Self.roles[(within + relabel) % 5], "instance": "instance\(within / 5 % 5 + 1)",
            "ha": within / 25 % 2 == 0 ? "active" : "backup", "app": "app-\(within % 50)",
        ]
        return Pod(
            metadata: ObjectMeta(name: "pod-\(within)", namespace: "ns-\(namespace)", labels: labels),
            spec: PodSpec(
                nodeName: "host-\(host)", serviceAccountName: "default",
                containers: [Container(name: "main", image: "k8sfv/bench", ports: [
                    ContainerPort(name: "http", containerPort: 80, protocol: "TCP"),
                ])]),
            status: PodStatus(phase: "Running", podIP: address, podIPs: [PodIP(ip: address)]))
    }

    func isLocal(_ index: Int) -> Bool { index % hosts == 0 }

    /// Policy k of ten: in a namespace that has local pods, selecting all of them (even k) or
    /// role1 (odd k), with k+1 ingress rules whose peers pick a role in one area's namespaces or
    /// in every namespace, on TCP 80 or the named port `http`.
    func policies() -> [NetworkPolicy] {
        (0..<10).map { k in
            let namespace = "ns-\(localNamespace(k))"
            let rules = (0...k).map { j -> NetworkPolicyIngressRule in
                let peer = NetworkPolicyPeer(
                    podSelector: LabelSelector(matchLabels: ["role": Self.roles[(k + j) % 5]]),
                    namespaceSelector: j % 2 == 0
                        ? LabelSelector(matchLabels: ["area": Self.areas[j % 5]]) : LabelSelector())
                let port = j % 2 == 0
                    ? NetworkPolicyPort(protocol: "TCP", port: .int(80)) : NetworkPolicyPort(protocol: "TCP", port: .string("http"))
                return NetworkPolicyIngressRule(ports: [port], from: [peer])
            }
            let selector = k % 2 == 0
                ? LabelSelector()
                : LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "role", operator: "In", values: ["role1", "role2"])])
            return NetworkPolicy(
                metadata: ObjectMeta(name: "bench-\(k)", namespace: namespace),
                spec: NetworkPolicySpec(podSelector: selector, policyTypes: ["Ingress"], ingress: rules))
        }
    }

    /// A namespace holding a pod on the local host (pod 0 is local; so is every `hosts`-th).
    func localNamespace(_ k: Int) -> Int {
        let localPods = (pods + hosts - 1) / hosts
        let index = (k * max(1, localPods / 10) % max(1, localPods)) * hosts
        return min(index, pods - 1) / podsPerNamespace
    }

    /// The pods a relabel benchmark touches: `count` remote pods spread over the cluster.
    func remotePods(count: Int) -> [Int] {
        var chosen: [Int] = []
        var seen = Set<Int>()
        for step in 0..<pods where chosen.count < count {
            let candidate = (7 + step * 7919) % pods
            if !isLocal(candidate), seen.insert(candidate).inserted { chosen.append(candidate) }
        }
        return chosen
    }
}
