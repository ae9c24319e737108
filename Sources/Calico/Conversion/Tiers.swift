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
        // Go compares the strings "<name>/<namespace>/<kind>" byte by byte; compared here
        // without building them.
        return PolicyIDBytes(a.id).lexicographicallyPrecedes(PolicyIDBytes(b.id))
    }
}

/// The bytes of "<name>/<namespace>/<kind>", read in place.
private struct PolicyIDBytes: Sequence, IteratorProtocol {
    private var name: String.UTF8View.Iterator
    private var namespace: String.UTF8View.Iterator
    private var kind: String.UTF8View.Iterator
    private var part = 0

    init(_ id: PolicyID) {
        name = id.name.utf8.makeIterator()
        namespace = id.namespace.utf8.makeIterator()
        kind = id.kind.utf8.makeIterator()
    }

    mutating func next() -> UInt8? {
        switch part {
        case 0:
            if let byte = name.next() { return byte }
            part = 1
            return UInt8(ascii: "/")
        case 1:
            if let byte = namespace.next() { return byte }
            part = 2
            return UInt8(ascii: "/")
        case 2:
            if let byte = kind.next() { return byte }
            part = 3
            return nil
        default:
            return nil
        }
    }
}
