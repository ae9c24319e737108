import Calico

// Builders for Calico's own resources in the model's tests: Tiers, Calico NetworkPolicies and
// GlobalNetworkPolicies, NetworkSets and GlobalNetworkSets, written as `CalicoWrite`s.

enum C {
    static func tier(_ name: String, order: Double?, pass: Bool = false) -> V3Resource {
        .tier(V3Tier(name: name, order: order, defaultAction: pass ? "Pass" : "Deny"))
    }

    static func rule(_ action: V3Action, from source: V3EntityRule = V3EntityRule(),
                     to destination: V3EntityRule = V3EntityRule(), protocol proto: V3Protocol? = nil) -> V3Rule {
        V3Rule(action: action, protocol: proto, source: source, destination: destination)
    }

    static func policy(
        _ name: String, ns: String, tier: String? = nil, order: Double? = nil, selector: String?,
        types: [String]? = nil, ingress: [V3Rule]? = nil, egress: [V3Rule]? = nil,
        serviceAccountSelector: String? = nil
    ) -> V3Resource {
        // A policy in a tier other than default is named `<tier>.<name>`, as Calico requires.
        let full = tier.map { $0 == "default" ? name : "\($0).\(name)" } ?? name
        return .networkPolicy(V3NetworkPolicy(namespace: ns, name: full, spec: V3PolicySpec(
            tier: tier, order: order, selector: selector, types: types, ingress: ingress, egress: egress,
            serviceAccountSelector: serviceAccountSelector)))
    }

    static func global(
        _ name: String, tier: String? = nil, order: Double? = nil, selector: String?,
        namespaceSelector: String? = nil, types: [String]? = nil, ingress: [V3Rule]? = nil, egress: [V3Rule]? = nil
    ) -> V3Resource {
        let full = tier.map { $0 == "default" ? name : "\($0).\(name)" } ?? name
        return .globalNetworkPolicy(V3GlobalNetworkPolicy(name: full, spec: V3PolicySpec(
            tier: tier, order: order, selector: selector, types: types, ingress: ingress, egress: egress,
            namespaceSelector: namespaceSelector)))
    }

    static func networkSet(_ name: String, ns: String, labels: [String: String], nets: [String]) -> V3Resource {
        .networkSet(V3NetworkSet(namespace: ns, name: name, labels: labels, nets: nets))
    }

    static func globalSet(_ name: String, labels: [String: String], nets: [String]) -> V3Resource {
        .globalNetworkSet(V3GlobalNetworkSet(name: name, labels: labels, nets: nets))
    }
}

/// One step of a mixed sequence: Kubernetes writes, then Calico writes, then a flush.
struct MixedStep {
    var kube: [Write] = []
    var calico: [CalicoWrite] = []
}
