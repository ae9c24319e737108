// A v3 rule side's selectors in the v1 form Felix's rule scanner reads: the namespace half
// (`pcns.`-prefixed, `all()` / `global()` spelled as label tests, or the policy's own
// namespace), the service-account half (`pcsa.`-prefixed selector and/or a name list), and
// the endpoint selector, joined; the `notSelector` passes through as written. Then the rule
// scanner folds the negation into the positive selector when there is one.
// Takes: one EntityRule and the policy's namespace ("" for a global policy). Gives: the v1
// positive and negated selector texts. Cost: up to three selector parses.
// Sources (projectcalico/calico): libcalico-go/lib/backend/syncersv1/updateprocessors/rules.go
// (`GetEntityRuleSelector`, `getEndpointSelector`, `parseServiceAccounts`), selectors.go
// (`parseSelectorAttachPrefix`: an unparseable selector becomes ""), felix/calc/rule_scanner.go
// (`combineMatchesIfPossible`).

enum V3RuleSelectors {
    /// The v1 `src_selector` / `dst_selector` ("" = none). `rewritingGlobal: false` leaves
    /// `global()` as written (true everywhere): the model's injected bug
    /// `globalNamespaceSelectorNotRewritten`, never Calico's behaviour.
    static func v1Selector(of side: V3EntityRule, namespace: String, rewritingGlobal: Bool = true) -> String {
        let namespaceSelector = side.namespaceSelector ?? ""
        var namespacePart = ""
        if !namespaceSelector.isEmpty {
            namespacePart = prefixed(namespaceSelector, ProfileConversion.namespaceLabelPrefix)
            namespacePart = ByteString.replacing(namespacePart, "all()", with: "has(\(PodConversion.namespaceLabel))")
            if rewritingGlobal {
                namespacePart = ByteString.replacing(namespacePart, "global()", with: "!has(\(PodConversion.namespaceLabel))")
            }
        } else if !namespace.isEmpty {
            namespacePart = "\(PodConversion.namespaceLabel) == '\(namespace)'"
        }
        var selectors: [String] = []
        if let accounts = side.serviceAccounts {
            let text = serviceAccountSelector(accounts)
            if !text.isEmpty { selectors.append(text) }
        }
        if let selector = side.selector, !selector.isEmpty { selectors.append(selector) }
        var selector = selectors.count > 1 ? "(" + selectors.joined(separator: ") && (") + ")" : (selectors.first ?? "")
        let notSelector = side.notSelector ?? ""
        if !namespacePart.isEmpty && (!selector.isEmpty || !notSelector.isEmpty || !namespaceSelector.isEmpty) {
            selector = selector.isEmpty ? namespacePart : "(\(namespacePart)) && (\(selector))"
        }
        return selector
    }

    /// `parseServiceAccounts`: the `pcsa.`-prefixed selector, and/or
    /// `projectcalico.org/serviceaccount in { 'a', 'b' }` (re-printed), joined by `&&`.
    static func serviceAccountSelector(_ match: V3ServiceAccountMatch) -> String {
        var prefixedSelector = ""
        if let selector = match.selector, !selector.isEmpty {
            prefixedSelector = prefixed(selector, ProfileConversion.serviceAccountLabelPrefix)
        }
        guard let names = match.names, !names.isEmpty else { return prefixedSelector }
        let text = "\(PodConversion.serviceAccountLabel) in { '" + names.joined(separator: "', '") + "' }"
        guard let parsed = try? Selector(parsing: text) else { return "" }
        return prefixedSelector.isEmpty ? parsed.canonical : "(\(prefixedSelector)) && (\(parsed.canonical))"
    }

    /// `parseSelectorAttachPrefix`: "" when the text does not parse.
    static func prefixed(_ text: String, _ prefix: String) -> String {
        guard let parsed = try? Selector(parsing: text) else { return "" }
        return parsed.prefixingLabels(prefix).canonical
    }

    /// `combineMatchesIfPossible`: with a positive selector, the negated one joins it
    /// (`(pos) && (!(neg))`) and no negated set is needed.
    static func combined(positive: String, negated: String) -> (positive: String, negated: String) {
        guard !positive.isEmpty, !negated.isEmpty else { return (positive, negated) }
        return ("(\(positive)) && (!(\(negated)))", "")
    }
}
