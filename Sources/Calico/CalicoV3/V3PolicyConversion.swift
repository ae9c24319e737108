// Calico NetworkPolicy / GlobalNetworkPolicy → what Felix's calculation graph holds for it
// (the same `FelixPolicy` a Kubernetes policy becomes, so the oracle and the model can take
// both). The endpoint selector:
// - NetworkPolicy: `(selector) && projectcalico.org/namespace == '<ns>'` (or the namespace
//   term alone), then the `pcsa.`-prefixed serviceAccountSelector appended with `&&`;
// - GlobalNetworkPolicy: the selector, then the `pcns.`-prefixed namespaceSelector appended
//   and every `all()` in the result read as `has(projectcalico.org/namespace)`, then the
//   `pcsa.`-prefixed serviceAccountSelector appended and every `all()` read as
//   `has(projectcalico.org/serviceaccount)` (a plain text replacement over the whole selector,
//   as Calico does it).
// The tier defaults to `default`; the order stays a float, absent = after every order; no
// types means both directions. A policy Felix's validator rejects (`V3Validation.felixRejection`)
// is invalid: never active.
// Sources (projectcalico/calico): libcalico-go/lib/backend/syncersv1/updateprocessors/
// networkpolicyprocessor.go (`ConvertNetworkPolicyV3ToV1Value`, `tierOrDefault`),
// globalnetworkpolicyprocessor.go (`ConvertGlobalNetworkPolicyV3ToV1Value`), selectors.go
// (`prefixAndAppendSelector`), felix/calc/policy_sorter.go (`ExtractPolicyMetadata`),
// libcalico-go/lib/backend/syncersv1/felixsyncer/felixsyncerv1.go (the policy kinds).

public enum V3PolicyConversion {
    /// `PolicyID.kind` of a Calico NetworkPolicy and of a GlobalNetworkPolicy.
    public static let networkPolicyKind = "NetworkPolicy"
    public static let globalNetworkPolicyKind = "GlobalNetworkPolicy"

    /// `rewritingGlobal: false` keeps a rule's namespaceSelector `global()` unrewritten: only the
    /// model's injected bug `globalNamespaceSelectorNotRewritten` asks for it.
    public static func felixPolicy(for policy: V3NetworkPolicy, rewritingGlobal: Bool = true) -> FelixPolicy {
        felixPolicy(
            id: PolicyID(name: policy.name, namespace: policy.namespace, kind: networkPolicyKind),
            namespace: policy.namespace, spec: policy.spec, selectorText: v1Selector(for: policy),
            rewritingGlobal: rewritingGlobal)
    }

    public static func felixPolicy(for policy: V3GlobalNetworkPolicy, rewritingGlobal: Bool = true) -> FelixPolicy {
        felixPolicy(
            id: PolicyID(name: policy.name, namespace: "", kind: globalNetworkPolicyKind),
            namespace: "", spec: policy.spec, selectorText: v1Selector(for: policy), rewritingGlobal: rewritingGlobal)
    }

    /// The v1 policy selector text, exactly as the update processor writes it.
    public static func v1Selector(for policy: V3NetworkPolicy) -> String {
        var selector = policy.spec.selector ?? ""
        let namespaceTerm = "\(PodConversion.namespaceLabel) == '\(policy.namespace)'"
        selector = selector.isEmpty ? namespaceTerm : "(\(selector)) && \(namespaceTerm)"
        return prefixAndAppend(selector, policy.spec.serviceAccountSelector, ProfileConversion.serviceAccountLabelPrefix)
    }

    /// The v1 policy selector text, exactly as the update processor writes it.
    public static func v1Selector(for policy: V3GlobalNetworkPolicy) -> String {
        var selector = policy.spec.selector ?? ""
        if let namespaces = policy.spec.namespaceSelector, !namespaces.isEmpty {
            selector = prefixAndAppend(selector, namespaces, ProfileConversion.namespaceLabelPrefix)
            selector = ByteString.replacing(selector, "all()", with: "has(\(PodConversion.namespaceLabel))")
        }
        if let accounts = policy.spec.serviceAccountSelector, !accounts.isEmpty {
            selector = prefixAndAppend(selector, accounts, ProfileConversion.serviceAccountLabelPrefix)
            selector = ByteString.replacing(selector, "all()", with: "has(\(PodConversion.serviceAccountLabel))")
        }
        return selector
    }

    /// `prefixAndAppendSelector`: an unparseable addition is dropped.
    static func prefixAndAppend(_ current: String, _ addition: String?, _ prefix: String) -> String {
        guard let addition, !addition.isEmpty else { return current }
        let prefixed = V3RuleSelectors.prefixed(addition, prefix)
        if prefixed.isEmpty { return current }
        return current.isEmpty ? prefixed : "(\(current)) && \(prefixed)"
    }

    static func felixPolicy(
        id: PolicyID, namespace: String, spec: V3PolicySpec, selectorText: String, rewritingGlobal: Bool = true
    ) -> FelixPolicy {
        let tier = (spec.tier ?? "").isEmpty ? Tiers.defaultTierName : spec.tier ?? ""
        let types = (spec.types ?? []).map { $0.lowercased() }
        var proto = Policy()
        proto.namespace = namespace
        proto.tier = tier
        var ipSets: Set<IPSetDefinition> = []
        // The v1 policy carries only the combined selector: an unparseable service-account or
        // namespace selector was dropped from it, and only the combined text is validated.
        var valid = V3Validation.felixRejection(of: spec) == nil
        for rule in spec.ingress ?? [] where valid {
            guard let converted = V3RuleConversion.convert(rule, namespace: namespace, rewritingGlobal: rewritingGlobal) else { valid = false; break }
            proto.inboundRules.append(converted.rule)
            ipSets.formUnion(converted.ipSets)
        }
        for rule in spec.egress ?? [] where valid {
            guard let converted = V3RuleConversion.convert(rule, namespace: namespace, rewritingGlobal: rewritingGlobal) else { valid = false; break }
            proto.outboundRules.append(converted.rule)
            ipSets.formUnion(converted.ipSets)
        }
        guard valid, let selector = try? Selector(parsing: selectorText) else {
            var invalid = FelixPolicyConversion.invalid(id: id, order: spec.order, tier: tier, namespace: namespace)
            invalid.id = id
            return invalid
        }
        proto.originalSelector = selector.canonical
        return FelixPolicy(
            id: id, selector: selector, order: spec.order, tier: tier,
            appliesToIngress: types.isEmpty || types.contains("ingress"),
            appliesToEgress: types.isEmpty || types.contains("egress"),
            policy: proto, ipSets: ipSets.sorted())
    }
}
