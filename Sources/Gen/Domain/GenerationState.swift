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
            case .node, .serviceAccount: break
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
            let node = try pickNode(draw)
            let flavour = try draw.weighted([12, 2, 2, 1, 1])
            let ports = try draw.subset(Vocabulary.namedPorts)
            var addresses = names.addresses()
            // Now and then an address another pod has (a recycled IP): two endpoints with one
            // address are what IP set members are ref-counted for.
            // The list of donors is built only when one is drawn (1 in 5); whether there is one
            // at all is a scan that stops at the first.
            let population = self.population
            let pods = population.podKeys.lazy.compactMap { population.pod($0) }.filter { $0.spec.hostNetwork != true }
            if pods.contains(where: { PodFactory.addresses(of: $0).ipv4 != nil }), try draw.oneIn(5) {
                addresses.ipv4 = try draw.element(Array(pods.compactMap { PodFactory.addresses(of: $0).ipv4 }))
            }
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

    /// A new random policy in `namespace`. Its selectors are now and then taken from the
    /// policies already there (see `PolicyPool`), so policies share IP sets and endpoints.
    /// Its name is `<prefix>-N`, the prefix drawn from `Vocabulary.policyNamePrefixes` (choice 0:
    /// `policy`), so the order policies arrive in is not the order their names sort in — which
    /// Felix's sort must not depend on (ties in order are broken by name).
    mutating func makePolicy(_ draw: Draw, namespace: String) throws -> NetworkPolicy {
        let name = names.policyName(prefix: try draw.element(Vocabulary.policyNamePrefixes))
        return try NetworkPolicyGenerator.policy(
            draw, name: name, namespace: namespace, namespaces: population.namespaceNames, pool: policyPool)
    }

    /// The selectors and peers of the live policies, for reuse.
    var policyPool: PolicyPool {
        PolicyPool(policies: population.policyKeys.compactMap { population.policy($0) })
    }

    /// A node for a new pod: the local host about half the time (choice 0), else any node.
    /// Policies are active only where a local endpoint matches, so local pods are what make
    /// most of Felix's output observable.
    func pickNode(_ draw: Draw) throws -> String? {
        let nodes = population.nodeNames
        guard !nodes.isEmpty else { return nil }
        if nodes.contains(localHost), try !draw.bool() { return localHost }
        return try draw.element(nodes)
    }

    // MARK: picking from the live population

    /// The k-th existing namespace, or nil when there is none.
    func pickNamespace(_ draw: Draw) throws -> String? {
        population.namespaceNames.isEmpty ? nil : try draw.element(population.namespaceNames)
    }

    /// Where a new pod or policy goes: half the time (choice 0) the first namespace, else any.
    /// Crowding one namespace is what lets a policy's pod selectors, which see only their own
    /// namespace, meet the pods that relabels, moves and IP changes act on.
    func pickHomeNamespace(_ draw: Draw) throws -> String? {
        guard let first = population.namespaceNames.first else { return nil }
        return try draw.bool() ? pickNamespace(draw) : first
    }

    /// The k-th existing pod among those passing `filter`, or nil when none does.
    func pickPod(_ draw: Draw, where filter: (Pod) -> Bool = { _ in true }) throws -> Pod? {
        let candidates = population.podKeys.filter { population.pod($0).map(filter) ?? false }
        guard !candidates.isEmpty else { return nil }
        return population.pod(try draw.element(candidates))
    }

    /// An existing policy. `preferringActive`: 3 in 4 times (choice 0 included) one that is
    /// active on the local host when there is one, since only an active policy's changes reach
    /// Felix's output.
    func pickPolicy(_ draw: Draw, preferringActive: Bool = false) throws -> NetworkPolicy? {
        if preferringActive {
            let active = population.policyKeys.filter { population.policy($0).map(isActiveLocally) ?? false }
            if !active.isEmpty, try !draw.oneIn(4) { return population.policy(try draw.element(active)) }
        }
        return population.policyKeys.isEmpty ? nil : population.policy(try draw.element(population.policyKeys))
    }

    /// Whether the policy selects an endpoint on the local host (what makes Felix there send it).
    /// Only the policy's endpoint selector is built (parsed once per distinct text), and only
    /// pods scheduled on the local host are looked at; their endpoints come from the pod
    /// conversion's memo, so picking a policy does not convert pods again.
    /// The selector is built only once a local pod turns up (most namespaces of a small
    /// cluster have none).
    /// Cost: O(pods in its namespace) node-name comparisons, a match per local pod.
    func isActiveLocally(_ policy: NetworkPolicy) -> Bool {
        var selector: Selector?
        return population.podKeys(inNamespace: policy.namespace).contains { key in
            // An endpoint's hostname is its pod's node name; an unscheduled pod has no endpoint.
            guard let pod = population.pod(key), pod.spec.nodeName == localHost,
                  let endpoint = PodConversion.endpoint(for: pod)
            else { return false }
            if selector == nil { selector = FelixPolicyConversion.endpointSelector(for: policy) }
            return selector!.matches(endpoint.labels)
        }
    }
}
