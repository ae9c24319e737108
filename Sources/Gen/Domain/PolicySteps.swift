import Calico

// Policy steps and the no-op rewrite: create, delete, change selector, change rules, replace
// (delete + create in one step), rewrite an object unchanged. Each gives the writes, or nil when it has no target. Every step but the
// rewrite changes the cluster. Cost: a few draws, O(rules) for a new policy.

extension GenerationState {
    mutating func createPolicyStep(_ draw: Draw) throws -> [Write]? {
        guard let namespace = try pickHomeNamespace(draw) else { return nil }
        return [.put(.networkPolicy(try makePolicy(draw, namespace: namespace)))]
    }

    func deletePolicyStep(_ draw: Draw) throws -> [Write]? {
        guard let policy = try pickPolicy(draw) else { return nil }
        return [.delete(KubeObject.networkPolicy(policy).ref)]
    }

    /// A new podSelector; if it equals the old one, `{}` and `role=role1` swap in.
    func changePolicySelectorStep(_ draw: Draw) throws -> [Write]? {
        guard var policy = try pickPolicy(draw) else { return nil }
        var selector = try LabelSelectorGenerator.selector(draw, .pods)
        if selector == policy.spec.podSelector {
            selector = selector.isEmpty ? LabelSelector(matchLabels: ["role": "role1"]) : LabelSelector()
        }
        policy.spec.podSelector = selector
        return [.put(.networkPolicy(policy))]
    }

    /// New rules for a policy, an active one by preference; 3 in 4 times the policy's types are kept (a rules-only change, which Felix must
    /// re-send on its own), else new policyTypes too. If nothing changed, an allow-all ingress
    /// rule is added.
    func changePolicyRulesStep(_ draw: Draw) throws -> [Write]? {
        guard let policy = try pickPolicy(draw, preferringActive: true) else { return nil }
        var rules = try NetworkPolicyGenerator.rules(draw, namespaces: population.namespaceNames, pool: policyPool)
        if try !draw.oneIn(4) { rules = rules.keepingTypes(of: policy.rules) }
        if rules == policy.rules { rules.ingress = (rules.ingress ?? []) + [NetworkPolicyIngressRule()] }
        return [.put(.networkPolicy(policy.withRules(rules)))]
    }

    /// Delete a policy and create it again in the same step, selector and types kept. Choice 0
    /// toggles a trailing allow-all rule in a direction the policy applies to, so every peer's IP
    /// set is dropped and re-added within the flush; 1 in 4 times the rules are redrawn instead.
    func replacePolicyStep(_ draw: Draw) throws -> [Write]? {
        guard let policy = try pickPolicy(draw, preferringActive: true) else { return nil }
        var rules = policy.rules
        if try draw.oneIn(4) {
            rules = try NetworkPolicyGenerator.rules(draw, namespaces: population.namespaceNames, pool: policyPool)
                .keepingTypes(of: policy.rules)
        }
        if rules == policy.rules {
            if policy.spec.policyTypes == ["Egress"] {
                let allowAll = NetworkPolicyEgressRule()
                var egress = rules.egress ?? []
                if egress.last == allowAll { egress.removeLast() } else { egress.append(allowAll) }
                rules.egress = egress
            } else {
                let allowAll = NetworkPolicyIngressRule()
                var ingress = rules.ingress ?? []
                if ingress.last == allowAll { ingress.removeLast() } else { ingress.append(allowAll) }
                rules.ingress = ingress
            }
        }
        let ref = KubeObject.networkPolicy(policy).ref
        return [.delete(ref), .put(.networkPolicy(policy.withRules(rules)))]
    }

    /// Any existing object (namespaces, nodes, pods, policies, in that order), written again.
    func rewriteUnchangedStep(_ draw: Draw) throws -> [Write]? {
        let p = population
        let total = p.objectCount
        guard total > 0 else { return nil }
        var index = try draw.index(below: total)
        if index < p.namespaceNames.count { return p.namespace(p.namespaceNames[index]).map { [.put(.namespace($0))] } }
        index -= p.namespaceNames.count
        if index < p.nodeNames.count { return p.snapshot.nodes[p.nodeNames[index]].map { [.put(.node($0))] } }
        index -= p.nodeNames.count
        if index < p.podKeys.count { return p.pod(p.podKeys[index]).map { [.put(.pod($0))] } }
        index -= p.podKeys.count
        return p.policy(p.policyKeys[index]).map { [.put(.networkPolicy($0))] }
    }
}
