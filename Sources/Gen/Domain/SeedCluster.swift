import Calico

// SeedCluster: Felix's original k8sfv scenario as fixed objects, no randomness. Takes a shape
// (defaults: 50 hosts, 20 namespaces, 50 pods each); gives nodes `host-0` (local) … `host-49`,
// namespaces `ns-0` … `ns-19` labelled `area` and `maturity`, and pods `pod-0` … `pod-49` in each,
// labelled `role`, `instance`, `ha`. Every (role, instance, ha) combination occurs once per
// namespace; every (area, maturity) combination at most once; each namespace has one pod per
// host, so the local host runs one pod of every namespace. Pod IPs are 10.<ns+1>.0.<pod+1>:
// unique and stable. Cost: O(namespaces · pods).

/// The seed scenario's starting cluster.
public struct SeedCluster: Hashable, Sendable {
    public var hosts: Int
    public var namespaces: Int
    public var podsPerNamespace: Int

    /// The numbers from Felix's k8sfv design.
    public static let standard = SeedCluster(hosts: 50, namespaces: 20, podsPerNamespace: 50)
    /// A small fixed cluster of the same shape, for workloads at `small` scale: 3 hosts, one
    /// namespace per maturity, 4 pods each.
    public static let miniature = SeedCluster(hosts: 3, namespaces: 5, podsPerNamespace: 4)

    public init(hosts: Int, namespaces: Int, podsPerNamespace: Int) {
        self.hosts = max(2, hosts)
        self.namespaces = min(max(0, namespaces), 250)
        self.podsPerNamespace = min(max(0, podsPerNamespace), 250)
    }

    public static func forScale(_ scale: ClusterScale) -> SeedCluster {
        scale == .seed ? .standard : .miniature
    }

    public var nodes: [Node] { (0..<hosts).map(SeedCluster.node) }

    public static func node(_ index: Int) -> Node {
        Node(name: Vocabulary.hostName(index), internalIP: "192.168.\(index / 250).\(index % 250 + 1)")
    }

    /// Namespace i: `area` cycles fastest, `maturity` shifts every five namespaces.
    public func namespace(_ index: Int) -> Namespace {
        let name = "ns-\(index)"
        let area = Vocabulary.areas[index % Vocabulary.areas.count]
        let maturity = Vocabulary.maturities[(index + index / 5) % Vocabulary.maturities.count]
        return Namespace(name: name, labels: [
            "area": area, "maturity": maturity, Vocabulary.namespaceNameLabel: name,
        ])
    }

    /// Pod p of namespace n.
    public func pod(namespace n: Int, index p: Int) -> Pod {
        let labels = [
            "role": Vocabulary.roles[p % 5],
            "instance": Vocabulary.instances[(p / 5) % 5],
            "ha": Vocabulary.haValues[(p / 25) % 2],
        ]
        let named = Vocabulary.namedPorts
        let portSets = [[named[0], named[4]], [named[1], named[2]], [named[3], named[5]]]
        let shape = PodShape(
            name: "pod-\(p)", namespace: "ns-\(n)", labels: labels,
            nodeName: Vocabulary.hostName((n * podsPerNamespace + p) % hosts),
            ipv4: PodAddressing.seedIPv4(namespace: n, pod: p), ipv6: nil,
            ports: portSets[p % portSets.count])
        return PodFactory.pod(shape)
    }

    /// Every object, in dependency order.
    public var objects: [KubeObject] {
        var objects = (0..<namespaces).map { KubeObject.namespace(namespace($0)) }
        objects += nodes.map(KubeObject.node)
        for n in 0..<namespaces {
            for p in 0..<podsPerNamespace { objects.append(.pod(pod(namespace: n, index: p))) }
        }
        return objects
    }
}
