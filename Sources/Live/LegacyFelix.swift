// Every way a Felix release before v3.32 (v3.25 is the oldest recorded) differs from current
// Calico in what k8sfv compares, declared in this one place. The wire-level differences
// (TierInfo entries as strings, the old PolicyID.tier, deprecated payload fields) are decoded
// by FelixWire (LegacyWireForms); this file handles what is left after decoding.
//
// 1. Names. Calico ≤ v3.31 named a Kubernetes NetworkPolicy `<ns>/knp.default.<name>` with no
//    kind (tiered builds: `default.knp.default.<name>`); current Calico sends the policy's own
//    name, its namespace and kind `KubernetesNetworkPolicy`.
//    Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/conversion.go
//    (`K8sNetworkPolicyNamePrefix`), felix/proto/felixbackend.proto `PolicyID`.
// 2. Fields the old releases do not have: `Policy.original_selector` and `perf_hints` (added
//    after v3.25), `TierInfo.default_action` (v3.32). A legacy Felix leaves them empty, so they
//    are not compared for it: `comparable(_:)` clears them on both sides, and
//    `completed(_:from:)` gives the runner messages that carry the expected values there.
// 3. The tier: v3.25 sends it in PolicyID.tier, FelixWire moves it to `Policy.tier`, where it
//    is compared like any field.
// A stream is legacy once any message carries a legacy name (`isLegacy`); a current Felix
// never sends one, so no flag is needed. Cost: O(message) per call.

import Calico

public enum LegacyFelix {
    static let kubernetesKind = "KubernetesNetworkPolicy"
    /// The name prefixes older releases gave Kubernetes policies.
    static let prefixes = ["default.knp.default.", "knp.default."]

    /// The ID current Calico would send for a policy ID as any release sent it.
    public static func normalised(_ id: PolicyID) -> PolicyID {
        var namespace = id.namespace
        var name = Substring(id.name)
        // v3.25: `<ns>/knp.default.<name>`, the namespace inside the name.
        if namespace.isEmpty, let slash = name.firstIndex(of: "/") {
            let rest = name[name.index(after: slash)...]
            if prefixes.contains(where: { rest.hasPrefix($0) }) {
                namespace = String(name[..<slash])
                name = rest
            }
        }
        for prefix in prefixes where name.hasPrefix(prefix) {
            return PolicyID(
                name: String(name.dropFirst(prefix.count)), namespace: namespace,
                kind: id.kind.isEmpty ? kubernetesKind : id.kind)
        }
        return id
    }

    /// Whether a policy ID is in a pre-v3.32 form.
    public static func isLegacy(_ id: PolicyID) -> Bool {
        id.kind.isEmpty && prefixes.contains { id.name.hasPrefix($0) || id.name.contains("/" + $0) }
    }

    /// Whether a message, as Felix sent it, shows a pre-v3.32 release.
    public static func isLegacy(_ message: FelixMessage) -> Bool {
        switch message {
        case .activePolicyUpdate(let id, _), .activePolicyRemove(let id):
            return isLegacy(id)
        case .workloadEndpointUpdate(_, let endpoint):
            return endpoint.tiers.contains { tier in
                (tier.ingressPolicies + tier.egressPolicies).contains(where: isLegacy)
            }
        default:
            return false
        }
    }

    /// A message with every policy name normalised (item 1).
    public static func normalisedNames(_ message: FelixMessage) -> FelixMessage {
        switch message {
        case .activePolicyUpdate(let id, let policy):
            return .activePolicyUpdate(id: normalised(id), policy: policy)
        case .activePolicyRemove(let id):
            return .activePolicyRemove(id: normalised(id))
        case .workloadEndpointUpdate(let id, var endpoint):
            endpoint.tiers = endpoint.tiers.map { tier in
                var t = tier
                t.ingressPolicies = t.ingressPolicies.map(normalised)
                t.egressPolicies = t.egressPolicies.map(normalised)
                return t
            }
            return .workloadEndpointUpdate(id: id, endpoint: endpoint)
        default:
            return message
        }
    }

    /// A state without the fields legacy releases lack (item 2), for comparing a legacy
    /// Felix's state with the oracle's: apply to both sides.
    public static func comparable(_ state: DataplaneState) -> DataplaneState {
        var copy = state
        for (id, policy) in state.policies {
            var p = policy
            p.originalSelector = ""
            p.perfHints = []
            copy.policies[id] = p
        }
        for (id, endpoint) in state.endpoints {
            var e = endpoint
            e.tiers = e.tiers.map { tier in
                var t = tier
                t.defaultAction = ""
                return t
            }
            copy.endpoints[id] = e
        }
        return copy
    }

    /// A legacy message with the fields its release lacks taken from `expected` (item 2), so
    /// the runner, which compares messages with the oracle, sees no difference there. Fields
    /// the release does send are left exactly as sent.
    public static func completed(_ message: FelixMessage, from expected: DataplaneState) -> FelixMessage {
        switch message {
        case .activePolicyUpdate(let id, var policy):
            if let want = expected.policies[id] {
                if policy.originalSelector.isEmpty { policy.originalSelector = want.originalSelector }
                if policy.perfHints.isEmpty { policy.perfHints = want.perfHints }
            }
            return .activePolicyUpdate(id: id, policy: policy)
        case .workloadEndpointUpdate(let id, var endpoint):
            let wanted = expected.endpoints[id]?.tiers ?? []
            endpoint.tiers = endpoint.tiers.map { tier in
                var t = tier
                if t.defaultAction.isEmpty {
                    t.defaultAction = wanted.first { $0.name == tier.name }?.defaultAction
                        ?? Tiers.definition(named: tier.name)?.defaultAction ?? ""
                }
                return t
            }
            return .workloadEndpointUpdate(id: id, endpoint: endpoint)
        default:
            return message
        }
    }
}
