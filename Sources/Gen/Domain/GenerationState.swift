import Calico

// GenerationState: everything a scenario generator carries from one draw to the next — the live
// population (to pick targets from), the name/IP counters (so creates never collide), and the
// local host. Takes the starting objects; gives fresh objects drawn against the current cluster
// (`makeNamespace`, `makePod`, `makePolicy`) used both for the starting cluster and by steps.
// Cost: see the individual makers (a few draws each, O(labels + rules)).

struct GenerationState {
    var population: Population
    var names = NameCounter()
    let localHost: String

    init(initial: [KubeObject], localHost: String = Vocabulary.localHost) {
        population = Population(objects: initial)
        self.localHost = localHost
        for object in initial {
            switch object {
            case .namespace(let ns): names.reserve(namespaceName: ns.name)
            case .pod(let pod):
                names.reserve(podName: pod.name)
                for ip in pod.status?.podIPs?.map(\.ip) ?? [] { names.reserve(ip: ip) }
                if let ip = pod.status?.podIP { names.reserve(ip: ip) }
            case .networkPolicy(let policy): names.reserve(policyName: policy.name)
            case .node: break
            }
        }
    }

    /// A new namespace with drawn `area`/`maturity` labels (choice 0: neither) and the
    /// `kubernetes.io/metadata.name` label the API server would add.
    mutating func makeNamespace(_ draw: Draw) throws -> Namespace {
        let name = names.namespaceName()
        return Namespace(name: name, labels: try namespaceLabels(draw, name: name))
    }

    func namespaceLabels(_ draw: Draw, name: String) throws -> [String: String] {
        var labels = try LabelSelectorGenerator.labels(draw, Vocabulary.namespaceLabels)
        labels[Vocabulary.namespaceNameLabel] = name
        return labels
    }

    /// A new pod in `namespace`. Flavours (choice 0 first): running with an IPv4 address; pending
    /// without an address; dual-stack; host-networked; unscheduled.
    mutating func makePod(_ draw: Draw, namespace: String) throws -> Pod {
        try draw.span("pod") {
            let name = names.podName()
            let labels = try LabelSelectorGenerator.labels(draw, Vocabulary.podLabels)
            let node = population.nodeNames.isEmpty ? nil : try draw.element(population.nodeNames)
            let flavour = try draw.weighted([12, 2, 2, 1, 1])
            let ports = try draw.subset(Vocabulary.namedPorts)
            let addresses = names.addresses()
            var shape = PodShape(
                name: name, namespace: namespace, labels: labels, nodeName: node,
                ipv4: addresses.ipv4, ipv6: nil, ports: ports)
            switch flavour {
            case 1: shape.ipv4 = nil
            case 2: shape.ipv6 = addresses.ipv6
            case 3:
                shape.hostNetwork = true
                shape.ipv4 = node.flatMap { population.snapshot.nodes[$0]?.status?.addresses?.first?.address }
                    ?? addresses.ipv4
            case 4: shape.nodeName = nil; shape.ipv4 = nil
            default: break
            }
            return PodFactory.pod(shape)
        }
    }

    /// A new random policy in `namespace`.
    mutating func makePolicy(_ draw: Draw, namespace: String) throws -> NetworkPolicy {
        try NetworkPolicyGenerator.policy(
            draw, name: names.policyName(), namespace: namespace, namespaces: population.namespaceNames)
    }

    // MARK: picking from the live population

    /// The k-th existing namespace, or nil when there is none.
    func pickNamespace(_ draw: Draw) throws -> String? {
        population.namespaceNames.isEmpty ? nil : try draw.element(population.namespaceNames)
    }

    /// The k-th existing pod among those passing `filter`, or nil when none does.
    func pickPod(_ draw: Draw, where filter: (Pod) -> Bool = { _ in true }) throws -> Pod? {
        let candidates = population.podKeys.filter { population.pod($0).map(filter) ?? false }
        guard !candidates.isEmpty else { return nil }
        return population.pod(try draw.element(candidates))
    }

    func pickPolicy(_ draw: Draw) throws -> NetworkPolicy? {
        population.policyKeys.isEmpty ? nil : population.policy(try draw.element(population.policyKeys))
    }
}
