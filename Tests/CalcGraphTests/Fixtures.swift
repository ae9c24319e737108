import Calico
import CalcGraph

// Small builders for the Kubernetes objects the hand-written sequences use, and a harness that
// drives a CalcGraph and rebuilds the dataplane from its messages (checking Felix's stream
// guarantees on the way).

let localHost = "host-0"
let remoteHost = "host-1"

enum K {
    static func namespace(_ name: String, _ labels: [String: String] = [:]) -> KubeObject {
        var all = labels
        all["kubernetes.io/metadata.name"] = name
        return .namespace(Namespace(name: name, labels: all))
    }

    static func podObject(
        _ name: String, ns: String, host: String, ip: String?, labels: [String: String] = [:],
        ports: [ContainerPort] = [], phase: String = "Running", deletionTimestamp: String? = nil
    ) -> Pod {
        let container = Container(name: "main", image: "pause", ports: ports.isEmpty ? nil : ports)
        let spec = PodSpec(nodeName: host, serviceAccountName: "default", containers: [container])
        let status = PodStatus(phase: phase, podIP: ip, podIPs: ip.map { [PodIP(ip: $0)] })
        return Pod(
            metadata: ObjectMeta(
                name: name, namespace: ns, labels: labels.isEmpty ? nil : labels, deletionTimestamp: deletionTimestamp),
            spec: spec, status: status)
    }

    static func pod(
        _ name: String, ns: String, host: String = localHost, ip: String?, labels: [String: String] = [:],
        ports: [ContainerPort] = [], phase: String = "Running", deletionTimestamp: String? = nil
    ) -> KubeObject {
        .pod(podObject(name, ns: ns, host: host, ip: ip, labels: labels, ports: ports, phase: phase,
            deletionTimestamp: deletionTimestamp))
    }

    static func policyObject(
        _ name: String, ns: String, selecting podLabels: [String: String],
        from peers: [NetworkPolicyPeer]? = nil, ports: [NetworkPolicyPort]? = nil, types: [String] = ["Ingress"]
    ) -> NetworkPolicy {
        let ingress = peers.map { [NetworkPolicyIngressRule(ports: ports, from: $0)] }
        return NetworkPolicy(
            metadata: ObjectMeta(name: name, namespace: ns),
            spec: NetworkPolicySpec(
                podSelector: LabelSelector(matchLabels: podLabels.isEmpty ? nil : podLabels),
                policyTypes: types, ingress: ingress))
    }

    static func policy(
        _ name: String, ns: String, selecting podLabels: [String: String],
        from peers: [NetworkPolicyPeer]? = nil, ports: [NetworkPolicyPort]? = nil, types: [String] = ["Ingress"]
    ) -> KubeObject {
        .networkPolicy(policyObject(name, ns: ns, selecting: podLabels, from: peers, ports: ports, types: types))
    }

    static func pods(_ labels: [String: String]) -> NetworkPolicyPeer {
        NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: labels))
    }

    static func podsWhere(_ key: String, _ op: String, _ values: [String]? = nil) -> NetworkPolicyPeer {
        NetworkPolicyPeer(podSelector: LabelSelector(
            matchExpressions: [LabelSelectorRequirement(key: key, operator: op, values: values)]))
    }

    static func namespaces(_ labels: [String: String]) -> NetworkPolicyPeer {
        NetworkPolicyPeer(namespaceSelector: LabelSelector(matchLabels: labels))
    }

    static func delete(_ object: KubeObject) -> Write { .delete(object.ref) }

    /// The IP set IDs a policy's rules reference, computed by the conversion module.
    static func ipSetIDs(_ object: KubeObject) -> [String] {
        guard case .networkPolicy(let policy) = object else { return [] }
        return FelixPolicyConversion.felixPolicy(for: policy).ipSets.map(\.id)
    }

    static func policyID(_ object: KubeObject) -> PolicyID {
        PolicyID(name: object.metadata.name, namespace: object.metadata.namespace ?? "default",
            kind: "KubernetesNetworkPolicy")
    }

    static func endpointID(_ object: KubeObject) -> WorkloadEndpointID {
        WorkloadEndpointID(workloadID: "\(object.metadata.namespace ?? "default")/\(object.metadata.name)")
    }
}

/// Drives one CalcGraph and the dataplane its messages build.
final class Harness {
    let graph: CalcGraph
    var state = DataplaneState()
    /// Every flush's messages, in order.
    var flushes: [[FelixMessage]] = []
    /// The first stream violation, if any (the state stops changing there).
    var violation: StreamViolation?

    init(_ bugs: Set<InjectedBug> = []) {
        graph = CalcGraph(localHost: localHost, injections: bugs)
    }

    /// Puts the objects, marks in sync, flushes.
    @discardableResult
    func start(_ objects: [KubeObject]) -> [FelixMessage] {
        graph.apply(objects.map(Write.put))
        graph.markInSync()
        return flush()
    }

    /// Applies the writes, then flushes.
    @discardableResult
    func step(_ writes: Write...) -> [FelixMessage] {
        graph.apply(writes)
        return flush()
    }

    @discardableResult
    func put(_ objects: KubeObject...) -> [FelixMessage] {
        graph.apply(objects.map(Write.put))
        return flush()
    }

    @discardableResult
    func flush() -> [FelixMessage] {
        let messages = graph.flush()
        flushes.append(messages)
        if violation == nil {
            do throws(StreamViolation) {
                try state.apply(contentsOf: messages)
            } catch {
                violation = error
            }
        }
        return messages
    }

    func members(of setID: String) -> Set<String>? { state.ipSets[setID]?.members }

    func tiers(of pod: KubeObject) -> [TierInfo]? { state.endpoints[K.endpointID(pod)]?.tiers }

    /// Everything observable about a run: messages, violation, final state, leaks.
    var outcome: String {
        "\(flushes)\n\(violation.map(String.init(describing:)) ?? "no violation")\n\(state)\n\(graph.internalLeakReport)"
    }
}
