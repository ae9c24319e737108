// Everything Felix's calculation graph knows about one Kubernetes NetworkPolicy: built by
// `FelixPolicyConversion`, consumed by the oracle and the incremental calc graph.

/// One Kubernetes NetworkPolicy as Felix's calc graph sees it.
public struct FelixPolicy: Hashable, Sendable {
    /// `{name, namespace, "KubernetesNetworkPolicy"}`.
    public var id: PolicyID
    /// The namespace-scoped endpoint selector.
    public var selector: Selector
    /// 1000 for every Kubernetes policy.
    public var order: Double?
    /// `default`.
    public var tier: String
    /// From the v3 types; an empty type list counts as both (`ExtractPolicyMetadata`).
    public var appliesToIngress: Bool
    public var appliesToEgress: Bool
    /// The proto `Policy`: rules with IP set IDs, `originalSelector`, `tier`, `namespace`.
    public var policy: Policy
    /// Every IP set the rules reference, sorted by ID, unique.
    public var ipSets: [IPSetDefinition]
    /// False when Felix's validation would reject the policy (a selector that does not
    /// parse): Felix then treats it as deleted, and this value has a match-nothing selector
    /// and no rules, so it is never active.
    public var isValid: Bool

    public init(
        id: PolicyID, selector: Selector, order: Double?, tier: String, appliesToIngress: Bool,
        appliesToEgress: Bool, policy: Policy, ipSets: [IPSetDefinition], isValid: Bool = true
    ) {
        self.id = id
        self.selector = selector
        self.order = order
        self.tier = tier
        self.appliesToIngress = appliesToIngress
        self.appliesToEgress = appliesToEgress
        self.policy = policy
        self.ipSets = ipSets
        self.isValid = isValid
    }
}
