// The tiers a Kubernetes-only cluster has, and how policies sort within a tier.
// Sources (projectcalico/calico): libcalico-go/lib/clientv3/client.go (`EnsureInitialized`
// creates the three tiers), api/pkg/apis/projectcalico/v3/tier.go (orders),
// felix/calc/policy_sorter.go (`TierLess`, `PolKVLess`), felix/calc/event_sequencer.go
// (`default_action` keeps the v3 capitalisation).

/// One tier: its name, order (nil sorts last) and default action (`"Deny"` or `"Pass"`).
public struct TierDefinition: Hashable, Sendable {
    public var name: String
    public var order: Double?
    public var defaultAction: String

    public init(name: String, order: Double?, defaultAction: String) {
        self.name = name
        self.order = order
        self.defaultAction = defaultAction
    }
}

public enum Tiers {
    /// The tier every Kubernetes NetworkPolicy lands in.
    public static let defaultTierName = "default"

    /// The three tiers calico-node creates at start-up (spec §0 A2), in `TierLess` order.
    public static let builtIn: [TierDefinition] = [
        TierDefinition(name: "kube-admin", order: 1_000, defaultAction: "Pass"),
        TierDefinition(name: "default", order: 1_000_000, defaultAction: "Deny"),
        TierDefinition(name: "kube-baseline", order: 10_000_000, defaultAction: "Pass"),
    ]

    public static func definition(named name: String) -> TierDefinition? {
        builtIn.first { $0.name == name }
    }

    /// `TierLess` for tiers that all have a Tier resource: order ascending (nil last), then name.
    public static func tierPrecedes(_ a: TierDefinition, _ b: TierDefinition) -> Bool {
        switch (a.order, b.order) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return a.name < b.name
        }
    }
}

/// `PolKVLess`: order ascending with nil as +∞, then the string `"name/namespace/kind"`.
public func policyPrecedes(_ a: FelixPolicy, _ b: FelixPolicy) -> Bool {
    switch (a.order, b.order) {
    case let (x?, y?) where x != y: return x < y
    case (nil, _?): return false
    case (_?, nil): return true
    default:
        // Go compares strings byte by byte.
        let left = "\(a.id.name)/\(a.id.namespace)/\(a.id.kind)"
        let right = "\(b.id.name)/\(b.id.namespace)/\(b.id.kind)"
        return left.utf8.lexicographicallyPrecedes(right.utf8)
    }
}
