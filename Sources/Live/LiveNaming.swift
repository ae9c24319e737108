// How a scenario's objects look in a live cluster, and back.
// Takes: scenario objects, writes and references. Gives: their live form: every namespace name
// gets the prefix `k8sfv-<run>-<sequence>-` (so a run never touches a namespace it did not
// create, and no sequence ever waits for an earlier one's namespaces to finish terminating:
// those are deleted in the background, felix-live.md §8.1), every object
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
import Driver
import Foundation

public struct LiveNaming: Sendable, Hashable {
    public static let namespacePrefix = "k8sfv-"
    /// The label the API server keeps equal to a namespace's name
    /// (kubernetes/kubernetes: pkg/registry/core/namespace/strategy.go, since v1.21).
    public static let namespaceNameLabel = "kubernetes.io/metadata.name"
    /// Ownership label key; the value is the run ID (KubeClient's `Ownership.labelKey`).
    public static let ownershipLabel = "k8sfv.projectcalico.org/run"

    public let runID: String
    /// Which sequence of the run this naming belongs to; part of every live namespace name.
    public let sequence: Int
    /// The run ID as it may appear inside a namespace name (a DNS label): lower case, `-` for
    /// anything else, at most 16 characters (a longer ID is cut and given a short hash).
    public let runTag: String

    public init(runID: String, sequence: Int = 0) {
        self.runID = runID
        self.sequence = sequence
        runTag = Self.tag(for: runID)
    }

    /// The same run's naming for another sequence.
    public func forSequence(_ sequence: Int) -> LiveNaming { LiveNaming(runID: runID, sequence: sequence) }

    /// What every live namespace name of this sequence starts with.
    public var prefix: String { "\(Self.namespacePrefix)\(runTag)-\(sequence)-" }

    /// What every live namespace name of this run starts with, whatever the sequence.
    public var runPrefix: String { "\(Self.namespacePrefix)\(runTag)-" }

    /// The live name of a scenario namespace.
    public func liveNamespace(_ name: String) -> String { prefix + name }

    /// The scenario name of a live namespace of this run (any sequence: Felix's messages about
    /// an earlier sequence's objects may still arrive); nil for a namespace k8sfv does not map.
    public func scenarioNamespace(_ live: String) -> String? {
        prefixLength(in: Substring(live)).map { String(live.dropFirst($0)) }
    }

    /// The length of `k8sfv-<tag>-<digits>-` at the start of `text`, if it starts so.
    func prefixLength(in text: Substring) -> Int? {
        let head = runPrefix
        guard text.hasPrefix(head) else { return nil }
        let rest = text.dropFirst(head.count)
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, rest.dropFirst(digits.count).first == "-" else { return nil }
        return head.count + digits.count + 1
    }

    /// Every `<quote>k8sfv-<tag>-<n>-` in a selector text loses its prefix (namespace names are
    /// the only values k8sfv prefixes).
    public func strippingPrefixes(_ text: String) -> String {
        guard text.contains(runPrefix) else { return text }
        var out = ""
        var rest = Substring(text)
        while let c = rest.first {
            out.append(c)
            rest = rest.dropFirst()
            if c == "'" || c == "\"", let length = prefixLength(in: rest) { rest = rest.dropFirst(length) }
        }
        return out
    }

    public static func tag(for runID: String) -> String {
        let cleaned = String(runID.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "-" })
        let trimmed = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        if trimmed.count <= 16 && !trimmed.isEmpty { return trimmed }
        // FNV-1a over the full ID keeps two long IDs with the same start apart.
        var hash: UInt32 = 2_166_136_261
        for byte in runID.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let head = trimmed.prefix(10).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        let hex = String(hash, radix: 16)
        return (head.isEmpty ? "" : head + "-") + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// Every live namespace name must still be a valid name (≤ 63 characters).
    public func check(_ object: KubeObject) throws {
        let namespace = object.kind == .namespace ? object.metadata.name : object.metadata.namespace
        if let namespace, liveNamespace(namespace).utf8.count > 63 {
            throw TargetError(
                "namespace '\(namespace)' is too long for the live target: with the '\(prefix)' prefix it exceeds 63 characters")
        }
    }

    public func live(_ ref: ObjectRef) -> ObjectRef {
        switch ref.kind {
        case .namespace: return ObjectRef(kind: .namespace, name: liveNamespace(ref.name))
        case .node: return ref
        case .pod, .networkPolicy, .serviceAccount:
            return ObjectRef(kind: ref.kind, namespace: liveNamespace(ref.namespace ?? "default"), name: ref.name)
        }
    }

    public func live(_ write: Write) -> Write {
        switch write {
        case .put(let object): return .put(live(object))
        case .delete(let ref): return .delete(live(ref))
        }
    }

    /// The object as the live cluster holds it (server-owned metadata dropped). A pod's
    /// `deletionTimestamp` stays: the writer realises it as a graceful delete.
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
        case .serviceAccount(var account):
            account.metadata = owned(account.metadata, name: account.name, namespace: liveNamespace(account.namespace))
            return .serviceAccount(account)
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
