import Calico

// Policy steps and the no-op rewrite: create, delete, change selector, change rules, rewrite an
// object unchanged. Each gives the writes, or nil when it has no target. Every step but the
// rewrite changes the cluster. Cost: a few draws, O(rules) for a new policy.

extension GenerationState {
    mutating func createPolicyStep(_ draw: Draw) throws -> [Write]? {
        guard let namespace = try pickNamespace(draw) else { return nil }
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

    /// New policyTypes and rules; if they equal the old ones, an allow-all ingress rule is added.
    func changePolicyRulesStep(_ draw: Draw) throws -> [Write]? {
        guard let policy = try pickPolicy(draw) else { return nil }
        var rules = try NetworkPolicyGenerator.rules(draw, namespaces: population.namespaceNames)
        if rules == policy.rules { rules.ingress = (rules.ingress ?? []) + [NetworkPolicyIngressRule()] }
        return [.put(.networkPolicy(policy.withRules(rules)))]
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
