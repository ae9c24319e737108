import Calico

// One endpoint's tiers from the active policies that select it (spec §3.5): tiers in TierLess
// order (the built-in tiers, with any Tier resources laid over them by name, by order, an
// absent order last, ties by name; a tier without a Tier resource after them, by name, with
// an empty default action), policies within a tier in PolKVLess order, listed under ingress
// and/or egress by their types, and tiers with nothing listed dropped.
// Takes: the policies matching one endpoint. Gives: its `[TierInfo]`. Cost: O(p log p).

enum OracleTiers {
    private static let builtIn = Tiers.builtIn.sorted(by: Tiers.tierPrecedes)
    private static let builtInNames = Set(builtIn.map(\.name))

    static func tiers(for matched: [FelixPolicy]) -> [TierInfo] {
        tiers(for: matched, defined: builtIn, definedNames: builtInNames)
    }

    /// With Calico Tier resources: a resource replaces the built-in tier of its name; its
    /// default action is Pass only when it says exactly `Pass` (tierprocessor.go).
    static func tiers(for matched: [FelixPolicy], resources: [V3Tier]) -> [TierInfo] {
        if resources.isEmpty { return tiers(for: matched) }
        var byName: [String: TierDefinition] = [:]
        for tier in Tiers.builtIn { byName[tier.name] = tier }
        for tier in resources {
            byName[tier.name] = TierDefinition(
                name: tier.name, order: tier.spec.order, defaultAction: tier.spec.defaultAction == "Pass" ? "Pass" : "Deny")
        }
        return tiers(for: matched, defined: byName.values.sorted(by: Tiers.tierPrecedes), definedNames: Set(byName.keys))
    }

    private static func tiers(for matched: [FelixPolicy], defined: [TierDefinition], definedNames: Set<String>) -> [TierInfo] {
        let unknownNames = Set(matched.map(\.tier)).subtracting(definedNames).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let ordered = defined.map { ($0.name, $0.defaultAction) } + unknownNames.map { ($0, "") }

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
