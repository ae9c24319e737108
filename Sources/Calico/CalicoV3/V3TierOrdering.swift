// One endpoint's tiers when Calico's Tier resources exist: Felix's policy sorter.
// - Tiers in `TierLess` order: tiers with a Tier resource first, by order (absent order
//   last), ties by name; then tiers that policies name but no Tier resource defines, by name,
//   with an empty default action.
// - Within a tier, policies in `PolKVLess` order: order ascending (absent = +∞), then the
//   text `name/namespace/kind`.
// - A policy is listed under ingress and/or egress by its types; a tier with neither is
//   dropped from the endpoint.
// Takes: the Tier definitions (the built-in three plus any Tier resources; a resource replaces
// a built-in of the same name) and the policies matching one endpoint. Gives: its `[TierInfo]`.
// Cost: O(t log t + p log p).
// Sources (projectcalico/calico): felix/calc/policy_sorter.go (`TierLess`, `PolKVLess`,
// `Sorted`), felix/calc/policy_resolver.go (tiers with no policy for the endpoint are left
// out), felix/calc/event_sequencer.go (`tierInfoToProtoTierInfo`).

public enum V3TierOrdering {
    /// The built-in tiers with `resources` laid over them by name.
    public static func definitions(_ resources: [V3Tier]) -> [TierDefinition] {
        var byName: [String: TierDefinition] = [:]
        for tier in Tiers.builtIn { byName[tier.name] = tier }
        for tier in resources { byName[tier.name] = tier.definition }
        return byName.values.sorted(by: Tiers.tierPrecedes)
    }

    /// `definitions` in `TierLess` order, as `definitions(_:)` gives them.
    public static func tiers(for matched: [FelixPolicy], definitions: [TierDefinition]) -> [TierInfo] {
        // A linear scan over the few defined tiers: no set is built per endpoint (the oracle calls
        // this once per local endpoint at every checkpoint).
        let undefined = Set(matched.map(\.tier)).filter { name in !definitions.contains { $0.name == name } }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let ordered = definitions.map { ($0.name, $0.defaultAction) } + undefined.map { ($0, "") }
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
