import Calico

// One endpoint's tiers from the active policies that select it (spec §3.5): tiers in TierLess
// order (the built-in tiers by order; a tier without a Tier resource after them, by name, with
// an empty default action), policies within a tier in PolKVLess order, listed under ingress
// and/or egress by their types, and tiers with nothing listed dropped.
// Takes: the policies matching one endpoint. Gives: its `[TierInfo]`. Cost: O(p log p).

enum OracleTiers {
    private static let builtIn = Tiers.builtIn.sorted(by: Tiers.tierPrecedes)
    private static let builtInNames = Set(builtIn.map(\.name))

    static func tiers(for matched: [FelixPolicy]) -> [TierInfo] {
        let unknownNames = Set(matched.map(\.tier)).subtracting(builtInNames).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let ordered = builtIn.map { ($0.name, $0.defaultAction) } + unknownNames.map { ($0, "") }

        var result: [TierInfo] = []
        for (name, defaultAction) in ordered {
            let inTier = matched.filter { $0.tier == name }.sorted(by: policyPrecedes)
            let ingress = inTier.filter(\.appliesToIngress).map(\.id)
            let egress = inTier.filter(\.appliesToEgress).map(\.id)
            if ingress.isEmpty && egress.isEmpty { continue }
            result.append(TierInfo(name: name, ingressPolicies: ingress, egressPolicies: egress, defaultAction: defaultAction))
        }
        return result
    }
}
