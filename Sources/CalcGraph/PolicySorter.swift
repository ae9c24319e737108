import Calico

// PolicySorter: one endpoint's matched policies as Felix lists them, tier by tier.
// Source: projectcalico/calico:felix/calc/policy_sorter.go (`TierLess`, `PolKVLess`,
// `ExtractPolicyMetadata`) and `tierInfoToProtoTierInfo` in felix/calc/event_sequencer.go.
// Takes: the endpoint's matched policies and the tier definitions. Gives: `[TierInfo]`: tiers
// with a definition first (the three built-in ones, spec §0 A2, with Tier resources laid over
// them), by order (nil last) then name; unknown tiers after them with an empty default action;
// in each tier the policies in `policyPrecedes` order, split by ingress and egress; empty tiers
// dropped. The order is computed by V3TierOrdering, the same Calico function the oracle calls.
// Cost: O(p log p) for the endpoint's p matched policies.

struct PolicySorter {
    let policyTypesIgnored: Bool
    let noNameTieBreak: Bool
    /// The injected bug `policyOrderComparedAsInteger`.
    var orderAsInteger = false

    /// `definitions` are the tiers Felix knows (built-in ones with Tier resources laid over
    /// them, `V3TierOrdering.definitions`). The ordering itself is Calico's
    /// (`V3TierOrdering.tiers`); the two injected bugs edit its input or its output.
    /// `arrival` orders policies with equal `order` when the name tie-break is switched off.
    func tiers(for policies: [FelixPolicy], arrival: [PolicyID: UInt64], definitions: [TierDefinition]) -> [TierInfo] {
        var input = policies
        if policyTypesIgnored {
            for index in input.indices {
                input[index].appliesToIngress = true
                input[index].appliesToEgress = true
            }
        }
        var tiers = V3TierOrdering.tiers(for: input, definitions: definitions)
        if noNameTieBreak {
            var byID: [PolicyID: FelixPolicy] = [:]
            for policy in input { byID[policy.id] = policy }
            let precedes = { (a: PolicyID, b: PolicyID) -> Bool in
                guard let x = byID[a], let y = byID[b] else { return a < b }
                if x.order == y.order { return (arrival[a] ?? 0, a) < (arrival[b] ?? 0, b) }
                return policyPrecedes(x, y)
            }
            for index in tiers.indices {
                tiers[index].ingressPolicies.sort(by: precedes)
                tiers[index].egressPolicies.sort(by: precedes)
            }
        }
        if orderAsInteger {
            // The mutant: orders lose their fractions before `PolKVLess` compares them.
            var truncated: [PolicyID: FelixPolicy] = [:]
            for var policy in input {
                policy.order = policy.order.map { $0.rounded(.towardZero) }
                truncated[policy.id] = policy
            }
            let precedes = { (a: PolicyID, b: PolicyID) -> Bool in
                guard let x = truncated[a], let y = truncated[b] else { return a < b }
                return policyPrecedes(x, y)
            }
            for index in tiers.indices {
                tiers[index].ingressPolicies.sort(by: precedes)
                tiers[index].egressPolicies.sort(by: precedes)
            }
        }
        return tiers
    }
}
