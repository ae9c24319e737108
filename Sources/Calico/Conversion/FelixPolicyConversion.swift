// Kubernetes NetworkPolicy → what Felix's calculation graph holds for it.
// Takes: one NetworkPolicy (or its v3 form). Gives: `FelixPolicy` — ID, namespace-scoped
// selector, order, tier, types, the proto `Policy` and every IP set its rules reference.
// Cost: the v3 conversion, then one selector parse per rule side and one per policy.
// Sources (projectcalico/calico): libcalico-go/lib/backend/syncersv1/updateprocessors/networkpolicyprocessor.go
// (`ConvertNetworkPolicyV3ToV1Value`), .../felixsyncer/felixsyncerv1.go (kind
// `KubernetesNetworkPolicy`), felix/calc/event_sequencer.go (`ActivePolicyUpdate` contents).

public enum FelixPolicyConversion {
    /// The `PolicyID.kind` of a Kubernetes NetworkPolicy.
    public static let kind = "KubernetesNetworkPolicy"

    /// The policy's ID: its own name and namespace, kind `KubernetesNetworkPolicy`.
    /// [legacy ≤ v3.31] the v1 key was `{Tier: "default", Name: "<ns>/knp.default.<name>"}`;
    /// PR projectcalico/calico#11232 removed the tier prefix.
    public static func policyID(for policy: NetworkPolicy) -> PolicyID {
        PolicyID(name: policy.name, namespace: policy.namespace, kind: kind)
    }

    /// The conversion is a function of the policy alone, so each distinct (all-ASCII) policy
    /// value is converted once per process (see `Memo`, `ObjectFingerprint`); the oracle, the model
    /// and the generator all ask for the same unchanged policies again and again.
    public static func felixPolicy(for policy: NetworkPolicy) -> FelixPolicy {
        let key = ObjectFingerprint(policy)
        guard key.isASCII else { return convert(policy) }
        return converted.value(for: key) { convert(policy) }
    }

    private static func convert(_ policy: NetworkPolicy) -> FelixPolicy {
        felixPolicy(fromCalico: PolicyConversion.toCalico(policy).policy)
    }

    private static let converted = Memo<ObjectFingerprint<NetworkPolicy>, FelixPolicy>(capacity: 8_192)

    /// Felix's view of a converted (v3) policy.
    public static func felixPolicy(fromCalico v3: CalicoNetworkPolicy) -> FelixPolicy {
        let namespace = v3.metadata.namespace ?? ""
        let id = PolicyID(name: v3.metadata.name, namespace: namespace, kind: kind)
        let types = v3.spec.types ?? []
        let appliesToIngress = types.isEmpty || types.contains("Ingress")
        let appliesToEgress = types.isEmpty || types.contains("Egress")
        let tier = v3.spec.tier ?? Tiers.defaultTierName

        var proto = Policy()
        proto.namespace = namespace
        proto.tier = tier
        var ipSets: Set<IPSetDefinition> = []
        var valid = true
        for rule in v3.spec.ingress ?? [] {
            guard let converted = FelixRuleConversion.convert(rule, namespace: namespace) else { valid = false; break }
            proto.inboundRules.append(converted.rule)
            ipSets.formUnion(converted.ipSets)
        }
        for rule in v3.spec.egress ?? [] where valid {
            guard let converted = FelixRuleConversion.convert(rule, namespace: namespace) else { valid = false; break }
            proto.outboundRules.append(converted.rule)
            ipSets.formUnion(converted.ipSets)
        }
        let selectorText = scopedSelectorText(v3.spec.selector ?? "", namespace: namespace)
        guard valid, let selector = try? Selector(parsing: selectorText) else {
            return invalid(id: id, order: v3.spec.order, tier: tier, namespace: namespace)
        }
        proto.originalSelector = selector.canonical
        return FelixPolicy(
            id: id, selector: selector, order: v3.spec.order, tier: tier,
            appliesToIngress: appliesToIngress, appliesToEgress: appliesToEgress,
            policy: proto, ipSets: ipSets.sorted())
    }

    /// The namespace-scoped endpoint selector alone: what `felixPolicy(for:).selector` is for
    /// the policy with its rules removed (a selector that does not parse gives `noMatch`, as
    /// the invalid policy's does). For callers that only ask which endpoints a policy selects.
    public static func endpointSelector(for policy: NetworkPolicy) -> Selector {
        let text = scopedSelectorText(
            KubeSelectorText.calicoSelector(policy.spec.podSelector, kind: .pod), namespace: policy.namespace)
        return (try? Selector(parsing: text)) ?? Selector.noMatch
    }

    /// `(sel) && projectcalico.org/namespace == '<ns>'`, or only the namespace term when the
    /// selector is empty (a global policy, with no namespace, keeps its selector).
    public static func scopedSelectorText(_ selector: String, namespace: String) -> String {
        guard !namespace.isEmpty else { return selector }
        let term = "\(PodConversion.namespaceLabel) == '\(namespace)'"
        return selector.isEmpty ? term : "(\(selector)) && \(term)"
    }

    /// What stands for a policy Felix's validation rejects (it treats it as deleted): a
    /// selector that matches nothing and no rules, so it never becomes active.
    static func invalid(id: PolicyID, order: Double?, tier: String, namespace: String) -> FelixPolicy {
        var proto = Policy()
        proto.namespace = namespace
        proto.tier = tier
        let nothing = Selector(.not(.all))
        proto.originalSelector = nothing.canonical
        return FelixPolicy(
            id: id, selector: nothing, order: order, tier: tier, appliesToIngress: false,
            appliesToEgress: false, policy: proto, ipSets: [], isValid: false)
    }
}
