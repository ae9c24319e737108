// How a scenario's objects look in a live cluster, and back.
// Takes: scenario objects, writes and references. Gives: their live form: every namespace name
// gets the `k8sfv-` prefix (so a run never touches a namespace it did not create), every object
// carries the run's ownership label, `kubernetes.io/metadata.name` holds the live namespace name
// (the API server sets it so), and a namespace selector that names namespaces by that label
// names the live ones. Cost: linear in the object.
//
// Choice (documented in docs/live.md): the oracle stays in the scenario's world. The live
// target keeps the live twin of the snapshot only to know what the server holds, and translates
// Felix's output back into scenario names (`LiveTranslation`) before the runner compares it.
// The prefix changes everything derived from a namespace name: workload IDs, `kns.`/`ksa.`
// profile IDs, policy IDs' namespace, `projectcalico.org/namespace == '…'` terms in selectors,
// and so the IP set IDs (hashes of selectors); the translation undoes each of them.

import Calico

public struct LiveNaming: Sendable, Hashable {
    public static let namespacePrefix = "k8sfv-"
    /// The label the API server keeps equal to a namespace's name
    /// (kubernetes/kubernetes: pkg/registry/core/namespace/strategy.go, since v1.21).
    public static let namespaceNameLabel = "kubernetes.io/metadata.name"
    /// Ownership label key; the value is the run ID (KubeClient's `Ownership.labelKey`).
    public static let ownershipLabel = "k8sfv.projectcalico.org/run"

    public let runID: String

    public init(runID: String) { self.runID = runID }

    /// The live name of a scenario namespace.
    public func liveNamespace(_ name: String) -> String { Self.namespacePrefix + name }

    /// The scenario name of a live namespace; nil for a namespace k8sfv does not map.
    public func scenarioNamespace(_ live: String) -> String? {
        live.hasPrefix(Self.namespacePrefix) ? String(live.dropFirst(Self.namespacePrefix.count)) : nil
    }

    /// Every live namespace name must still be a valid name (≤ 63 characters).
    public func check(_ object: KubeObject) throws {
        let namespace = object.kind == .namespace ? object.metadata.name : object.metadata.namespace
        if let namespace, liveNamespace(namespace).utf8.count > 63 {
            throw TargetError(
                "namespace '\(namespace)' is too long for the live target: with the '\(Self.namespacePrefix)' prefix it exceeds 63 characters")
        }
    }

    public func live(_ ref: ObjectRef) -> ObjectRef {
        switch ref.kind {
        case .namespace: return ObjectRef(kind: .namespace, name: liveNamespace(ref.name))
        case .node: return ref
        case .pod, .networkPolicy:
            return ObjectRef(kind: ref.kind, namespace: liveNamespace(ref.namespace ?? "default"), name: ref.name)
        }
    }

    public func live(_ write: Write) -> Write {
        switch write {
        case .put(let object): return .put(live(object))
        case .delete(let ref): return .delete(live(ref))
        }
    }

    /// The object as the live cluster holds it (server-owned metadata dropped).
    public func live(_ object: KubeObject) -> KubeObject {
        switch object {
        case .namespace(var namespace):
            let name = liveNamespace(namespace.name)
            namespace.metadata = owned(namespace.metadata, name: name, namespace: nil)
            namespace.metadata.labels?[Self.namespaceNameLabel] = name
            return .namespace(namespace)
        case .node(var node):
            node.metadata = owned(node.metadata, name: node.name, namespace: nil)
            return .node(node)
        case .pod(var pod):
            pod.metadata = owned(pod.metadata, name: pod.name, namespace: liveNamespace(pod.namespace))
            return .pod(pod)
        case .networkPolicy(var policy):
            policy.metadata = owned(policy.metadata, name: policy.name, namespace: liveNamespace(policy.namespace))
            policy.spec.ingress = policy.spec.ingress?.map { rule in
                var rule = rule
                rule.from = rule.from?.map(livePeer)
                return rule
            }
            policy.spec.egress = policy.spec.egress?.map { rule in
                var rule = rule
                rule.to = rule.to?.map(livePeer)
                return rule
            }
            return .networkPolicy(policy)
        }
    }

    private func owned(_ metadata: ObjectMeta, name: String, namespace: String?) -> ObjectMeta {
        var copy = metadata.withoutServerFields
        copy.name = name
        copy.namespace = namespace
        copy.deletionTimestamp = nil
        var labels = copy.labels ?? [:]
        labels[Self.ownershipLabel] = runID
        copy.labels = labels
        return copy
    }

    /// A peer whose namespace selector names namespaces by `kubernetes.io/metadata.name`
    /// names their live twins instead (every value, so the mapping stays one-to-one).
    private func livePeer(_ peer: NetworkPolicyPeer) -> NetworkPolicyPeer {
        guard var selector = peer.namespaceSelector else { return peer }
        if let value = selector.matchLabels?[Self.namespaceNameLabel] {
            selector.matchLabels?[Self.namespaceNameLabel] = liveNamespace(value)
        }
        selector.matchExpressions = selector.matchExpressions?.map { requirement in
            guard requirement.key == Self.namespaceNameLabel else { return requirement }
            var copy = requirement
            copy.values = requirement.values?.map(liveNamespace)
            return copy
        }
        var copy = peer
        copy.namespaceSelector = selector
        return copy
    }
}
