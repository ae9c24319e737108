import Calico

// Per-object simplifications for step-level reduction, simplest first: fewer rules, fewer
// peers, fewer ports, fewer selector terms, fewer labels. Each candidate is one small
// change, so a greedy pass can keep the ones that still fail and stop at a local minimum.
// Every candidate is still a valid Kubernetes object (an emptied peer is removed rather
// than left empty; In/NotIn keep at least one value).

public enum ObjectSimplifier {
    public static func candidates(for object: KubeObject) -> [KubeObject] {
        switch object {
        case .networkPolicy(let policy): return policyCandidates(policy).map(KubeObject.networkPolicy)
        case .pod(let pod): return podCandidates(pod).map(KubeObject.pod)
        case .namespace(let namespace): return namespaceCandidates(namespace).map(KubeObject.namespace)
        case .node, .serviceAccount: return []
        }
    }

    static func labelCandidates(_ labels: [String: String]?) -> [[String: String]?] {
        guard let labels, !labels.isEmpty else { return [] }
        var result: [[String: String]?] = [nil]
        if labels.count > 1 {
            for key in labels.keys.sorted() {
                var fewer = labels
                fewer[key] = nil
                result.append(fewer)
            }
        }
        return result
    }

    static func namespaceCandidates(_ namespace: Namespace) -> [Namespace] {
        labelCandidates(namespace.metadata.labels).map { labels in
            var copy = namespace
            copy.metadata.labels = labels
            return copy
        }
    }

    static func podCandidates(_ pod: Pod) -> [Pod] {
        var result = labelCandidates(pod.metadata.labels).map { labels -> Pod in
            var copy = pod
            copy.metadata.labels = labels
            return copy
        }
        // Drop container ports (named ports are rarely the point of a failure).
        if pod.spec.containers.contains(where: { !($0.ports ?? []).isEmpty }) {
            var copy = pod
            copy.spec.containers = pod.spec.containers.map { Container(name: $0.name, image: $0.image) }
            result.append(copy)
        }
        return result
    }

    static func selectorCandidates(_ selector: LabelSelector) -> [LabelSelector] {
        var result: [LabelSelector] = []
        if !selector.isEmpty { result.append(LabelSelector()) }
        for labels in labelCandidates(selector.matchLabels) where selector.matchLabels?.count ?? 0 > 1 {
            var copy = selector
            copy.matchLabels = labels
            result.append(copy)
        }
        if let expressions = selector.matchExpressions, expressions.count > 1 {
            for index in expressions.indices {
                var copy = selector
                copy.matchExpressions!.remove(at: index)
                result.append(copy)
            }
        }
        return result
    }

    static func peerCandidates(_ peer: NetworkPolicyPeer) -> [NetworkPolicyPeer] {
        var result: [NetworkPolicyPeer] = []
        if peer.podSelector != nil, peer.namespaceSelector != nil {
            result.append(NetworkPolicyPeer(podSelector: peer.podSelector))
            result.append(NetworkPolicyPeer(namespaceSelector: peer.namespaceSelector))
        }
        if let pod = peer.podSelector {
            for simpler in selectorCandidates(pod) {
                var copy = peer
                copy.podSelector = simpler
                result.append(copy)
            }
        }
        if let ns = peer.namespaceSelector {
            for simpler in selectorCandidates(ns) {
                var copy = peer
                copy.namespaceSelector = simpler
                result.append(copy)
            }
        }
        if let block = peer.ipBlock, block.except != nil {
            result.append(NetworkPolicyPeer(ipBlock: IPBlock(cidr: block.cidr)))
        }
        return result
    }

    /// Candidates for one list: drop it entirely, drop one element, simplify one element.
    static func listCandidates<T>(_ list: [T]?, simplify: (T) -> [T]) -> [[T]?] {
        guard let list, !list.isEmpty else { return [] }
        var result: [[T]?] = [nil]
        if list.count > 1 {
            for index in list.indices {
                var fewer = list
                fewer.remove(at: index)
                result.append(fewer)
            }
        }
        for index in list.indices {
            for simpler in simplify(list[index]) {
                var copy = list
                copy[index] = simpler
                result.append(copy)
            }
        }
        return result
    }

    static func portCandidates(_ port: NetworkPolicyPort) -> [NetworkPolicyPort] {
        var result: [NetworkPolicyPort] = []
        if port.endPort != nil { result.append(NetworkPolicyPort(protocol: port.protocol, port: port.port)) }
        if port.protocol != nil { result.append(NetworkPolicyPort(port: port.port, endPort: port.endPort)) }
        return result
    }

    static func policyCandidates(_ policy: NetworkPolicy) -> [NetworkPolicy] {
        var result: [NetworkPolicy] = []
        func with(_ change: (inout NetworkPolicySpec) -> Void) {
            var copy = policy
            change(&copy.spec)
            result.append(copy)
        }
        for ingress in listCandidates(policy.spec.ingress, simplify: ingressRuleCandidates) {
            with { $0.ingress = ingress }
        }
        for egress in listCandidates(policy.spec.egress, simplify: egressRuleCandidates) {
            with { $0.egress = egress }
        }
        for selector in selectorCandidates(policy.spec.podSelector) {
            with { $0.podSelector = selector }
        }
        return result
    }

    static func ingressRuleCandidates(_ rule: NetworkPolicyIngressRule) -> [NetworkPolicyIngressRule] {
        var result: [NetworkPolicyIngressRule] = []
        for from in listCandidates(rule.from, simplify: peerCandidates) {
            result.append(NetworkPolicyIngressRule(ports: rule.ports, from: from))
        }
        for ports in listCandidates(rule.ports, simplify: portCandidates) {
            result.append(NetworkPolicyIngressRule(ports: ports, from: rule.from))
        }
        return result
    }

    static func egressRuleCandidates(_ rule: NetworkPolicyEgressRule) -> [NetworkPolicyEgressRule] {
        var result: [NetworkPolicyEgressRule] = []
        for to in listCandidates(rule.to, simplify: peerCandidates) {
            result.append(NetworkPolicyEgressRule(ports: rule.ports, to: to))
        }
        for ports in listCandidates(rule.ports, simplify: portCandidates) {
            result.append(NetworkPolicyEgressRule(ports: ports, to: rule.to))
        }
        return result
    }
}
