import Calico

// NetworkPolicyGenerator: random `networking.k8s.io/v1` NetworkPolicies. Takes a name, namespace
// and the cluster's namespace names; gives a policy with a random podSelector, a policyTypes
// variant (absent, [Ingress], [Egress], both) and, per direction, no rule list, an empty one, or
// 1–10 rules built from `PeerGenerator` and `PortGenerator`. Valid per API validation. Also builds
// the fixed default-deny policy. Choice 0 gives `{podSelector: {}}` with nothing else.
// Cost: O(rules) draws.

enum NetworkPolicyGenerator {
    static let policyTypeVariants: [[String]?] = [nil, ["Ingress"], ["Egress"], ["Ingress", "Egress"]]

    /// A policy; 1 in 3 times its podSelector is one a live policy already uses (from `pool`),
    /// so two policies select the same endpoints and must be ordered.
    static func policy(
        _ draw: Draw, name: String, namespace: String, namespaces: [String], pool: PolicyPool = .empty
    ) throws -> NetworkPolicy {
        try draw.span("policy") {
            let reuse = try !pool.podSelectors.isEmpty && draw.oneIn(3)
            let selector = try reuse ? draw.element(pool.podSelectors) : LabelSelectorGenerator.selector(draw, .pods)
            return NetworkPolicy(
                metadata: ObjectMeta(name: name, namespace: namespace),
                spec: NetworkPolicySpec(podSelector: selector, policyTypes: nil, ingress: nil, egress: nil)
            ).withRules(try rules(draw, namespaces: namespaces, pool: pool))
        }
    }

    /// The parts of a spec that `changePolicyRules` redraws: policyTypes, ingress and egress.
    struct Rules: Hashable {
        var policyTypes: [String]?
        var ingress: [NetworkPolicyIngressRule]?
        var egress: [NetworkPolicyEgressRule]?

        /// These rules with `old`'s policyTypes. With no explicit types the API server derives
        /// Egress from whether egress rules exist, so that is kept too (by keeping old's egress
        /// when the new one would flip it).
        func keepingTypes(of old: Rules) -> Rules {
            var copy = self
            copy.policyTypes = old.policyTypes
            if old.policyTypes == nil, (old.egress ?? []).isEmpty != (egress ?? []).isEmpty { copy.egress = old.egress }
            return copy
        }
    }

    static func rules(_ draw: Draw, namespaces: [String], pool: PolicyPool = .empty) throws -> Rules {
        let types = try draw.element(policyTypeVariants)
        let ingress = try ruleCount(draw).map { count in
            try (0..<count).map { _ in
                try draw.span("rule") {
                    NetworkPolicyIngressRule(
                        ports: try PortGenerator.ports(draw),
                        from: try PeerGenerator.peers(draw, namespaces: namespaces, pool: pool))
                }
            }
        }
        let egress = try ruleCount(draw).map { count in
            try (0..<count).map { _ in
                try draw.span("rule") {
                    NetworkPolicyEgressRule(
                        ports: try PortGenerator.ports(draw),
                        to: try PeerGenerator.peers(draw, namespaces: namespaces, pool: pool))
                }
            }
        }
        return Rules(policyTypes: types, ingress: ingress, egress: egress)
    }

    /// nil (no list; choice 0), 0 (an empty list) now and then, or 1–10 rules, fewer more often.
    static func ruleCount(_ draw: Draw) throws -> Int? {
        switch try draw.weighted([3, 1, 6]) {
        case 0: return nil
        case 1: return 0
        default: return 1 + (try draw.weighted([10, 8, 6, 5, 4, 3, 2, 2, 1, 1]))
        }
    }

    /// The namespace's deny-all ingress policy: selects every pod, allows nothing in.
    static func defaultDeny(namespace: String) -> NetworkPolicy {
        NetworkPolicy(
            metadata: ObjectMeta(name: Vocabulary.defaultDenyName, namespace: namespace),
            spec: NetworkPolicySpec(podSelector: LabelSelector(), policyTypes: ["Ingress"]))
    }
}

extension NetworkPolicy {
    /// The policy with its types and rules replaced.
    func withRules(_ rules: NetworkPolicyGenerator.Rules) -> NetworkPolicy {
        var copy = self
        copy.spec.policyTypes = rules.policyTypes
        copy.spec.ingress = rules.ingress
        copy.spec.egress = rules.egress
        return copy
    }

    var rules: NetworkPolicyGenerator.Rules {
        NetworkPolicyGenerator.Rules(policyTypes: spec.policyTypes, ingress: spec.ingress, egress: spec.egress)
    }
}
