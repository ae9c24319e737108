import Calico

// PolicySorter: one endpoint's matched policies as Felix lists them, tier by tier.
// Source: projectcalico/calico:felix/calc/policy_sorter.go (`TierLess`, `PolKVLess`,
// `ExtractPolicyMetadata`) and `tierInfoToProtoTierInfo` in felix/calc/event_sequencer.go.
// Takes: the endpoint's matched policies. Gives: `[TierInfo]`: tiers with a Tier resource first
// (the three built-in ones, spec §0 A2), by order (nil last) then name; unknown tiers after them
// with an empty default action; in each tier the policies in `policyPrecedes` order, split by
// ingress and egress; empty tiers dropped.
// Cost: O(p log p) for the endpoint's p matched policies.

struct PolicySorter {
    let policyTypesIgnored: Bool
    let noNameTieBreak: Bool

    /// `arrival` orders policies with equal `order` when the name tie-break is switched off.
    func tiers(for policies: [FelixPolicy], arrival: [PolicyID: UInt64]) -> [TierInfo] {
        var byTier: [String: [FelixPolicy]] = [:]
        for policy in policies { byTier[policy.tier, default: []].append(policy) }
        let tierNames = byTier.keys.sorted(by: tierPrecedes)
        var result: [TierInfo] = []
        for name in tierNames {
            let sorted = (byTier[name] ?? []).sorted { precedes($0, $1, arrival) }
            let ingress = sorted.filter { policyTypesIgnored || $0.appliesToIngress }.map(\.id)
            let egress = sorted.filter { policyTypesIgnored || $0.appliesToEgress }.map(\.id)
            if ingress.isEmpty && egress.isEmpty { continue }
            let action = Tiers.definition(named: name)?.defaultAction ?? ""
            result.append(TierInfo(name: name, ingressPolicies: ingress, egressPolicies: egress, defaultAction: action))
        }
        return result
    }

    private func precedes(_ a: FelixPolicy, _ b: FelixPolicy, _ arrival: [PolicyID: UInt64]) -> Bool {
        if noNameTieBreak && a.order == b.order {
            return (arrival[a.id] ?? 0, a.id) < (arrival[b.id] ?? 0, b.id)
        }
        return policyPrecedes(a, b)
    }

    /// `TierLess`: tiers with a definition first, then order (nil last), then name.
    private func tierPrecedes(_ a: String, _ b: String) -> Bool {
        switch (Tiers.definition(named: a), Tiers.definition(named: b)) {
        case let (x?, y?):
            switch (x.order, y.order) {
            case let (p?, q?) where p != q: return p < q
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.utf8.lexicographicallyPrecedes(b.utf8)
            }
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
    }
}
