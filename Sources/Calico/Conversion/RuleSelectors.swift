// v3 rule side → the v1 selector string Felix's rule scanner parses.
// Takes: one v3 EntityRule and the policy's namespace. Gives: the v1 selector text ("" = no
// selector). Cost: one selector parse when a namespace selector is present.
// Source: projectcalico/calico:libcalico-go/lib/backend/syncersv1/updateprocessors/rules.go
// (`RuleAPIV3ToBackend`, `GetEntityRuleSelector`, `getEndpointSelector`) and selectors.go
// (`parseSelectorAttachPrefix`); spec §1.3 "v3 → v1 rule selectors" and §0 C3.

enum RuleSelectors {
    static let namespaceTerm = PodConversion.namespaceLabel

    /// The namespace half: a given namespace selector, `pcns.`-prefixed and re-canonicalised,
    /// with `all()`/`global()` rewritten as plain text; else, in a namespaced policy, the
    /// policy's own namespace. A namespace selector that does not parse gives "" (Calico logs
    /// and carries on).
    static func namespacePart(of side: CalicoEntityRule, namespace: String) -> String {
        if let text = side.namespaceSelector, !text.isEmpty {
            return namespaceParts.value(for: ExactText(text)) { prefixedNamespaceSelector(text) }
        }
        if !namespace.isEmpty { return "\(namespaceTerm) == '\(namespace)'" }
        return ""
    }

    /// The `pcns.`-prefixed form of one namespace selector text: a function of the text alone,
    /// so worked out once per distinct text (see `Memo`).
    private static let namespaceParts = Memo<ExactText, String>(capacity: 16_384)

    private static func prefixedNamespaceSelector(_ text: String) -> String {
        guard let parsed = try? Selector(parsing: text) else { return "" }
        let canonical = parsed.prefixingLabels(ProfileConversion.namespaceLabelPrefix).canonical
        return ByteString.replacing(
            ByteString.replacing(canonical, "all()", with: "has(\(namespaceTerm))"),
            "global()", with: "!has(\(namespaceTerm))")
    }

    /// The whole v1 selector for one side of a rule. A Kubernetes peer has no
    /// service-account selector and no `notSelector`, so only the endpoint selector joins the
    /// namespace half. With neither selector nor namespace selector (an ipBlock or no peer),
    /// the side has no selector and no namespace restriction at all.
    static func v1Selector(of side: CalicoEntityRule, namespace: String) -> String {
        let namespaceSelector = namespacePart(of: side, namespace: namespace)
        let selector = side.selector ?? ""
        let hasNamespaceSelector = !(side.namespaceSelector ?? "").isEmpty
        guard !namespaceSelector.isEmpty, !selector.isEmpty || hasNamespaceSelector else { return selector }
        return selector.isEmpty ? namespaceSelector : "(\(namespaceSelector)) && (\(selector))"
    }
}
