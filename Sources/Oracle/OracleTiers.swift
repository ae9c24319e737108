import Calico

// One endpoint's tiers from the active policies that select it (spec §3.5): tiers in TierLess
// order (the built-in tiers, with any Tier resources laid over them by name, by order, an
// absent order last, ties by name; a tier without a Tier resource after them, by name, with
// an empty default action), policies within a tier in PolKVLess order, listed under ingress
// and/or egress by their types, and tiers with nothing listed dropped.
// Takes: the policies matching one endpoint. Gives: its `[TierInfo]`. Cost: O(p log p).

enum OracleTiers {
    private static let builtIn = V3TierOrdering.definitions([])

    static func tiers(for matched: [FelixPolicy]) -> [TierInfo] {
        V3TierOrdering.tiers(for: matched, definitions: builtIn)
    }

    /// With Calico Tier resources: a resource replaces the built-in tier of its name; its
    /// default action is Pass only when it says exactly `Pass` (tierprocessor.go).
    static func tiers(for matched: [FelixPolicy], resources: [V3Tier]) -> [TierInfo] {
        resources.isEmpty ? tiers(for: matched) : V3TierOrdering.tiers(for: matched, definitions: V3TierOrdering.definitions(resources))
    }
}
