// Kubernetes label selector → Calico selector text, exactly as Calico's converter writes it.
// Takes: a LabelSelector (or nil) and whether it selects pods or namespaces. Gives: the
// selector string (single-quoted values, ` && ` joins). Cost: O(terms · log terms).
// Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/conversion.go
// (`k8sSelectorToCalico`).

enum KubeSelectorKind {
    case pod
    case namespace
}

enum KubeSelectorText {
    /// The orchestrator term every pod selector starts with.
    static let orchestratorTerm = "projectcalico.org/orchestrator == 'k8s'"

    /// - Pod selectors always start with the orchestrator term, even when nil.
    /// - A nil namespace selector is `""`; a present one with no terms is `all()`.
    /// - `matchLabels` in sorted key order, then `matchExpressions` in order; an unknown
    ///   operator adds no term; values are quoted with no escaping (spec §0 B2).
    static func calicoSelector(_ selector: LabelSelector?, kind: KubeSelectorKind) -> String {
        var terms: [String] = kind == .pod ? [orchestratorTerm] : []
        guard let selector else { return terms.joined(separator: " && ") }
        if kind == .namespace, (selector.matchLabels ?? [:]).isEmpty, (selector.matchExpressions ?? []).isEmpty {
            return "all()"
        }
        let labels = selector.matchLabels ?? [:]
        // Go's sort.Strings is byte order.
        for key in labels.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            terms.append("\(key) == '\(labels[key] ?? "")'")
        }
        for requirement in selector.matchExpressions ?? [] {
            let values = (requirement.values ?? []).joined(separator: "', '")
            switch requirement.operator {
            case "In": terms.append("\(requirement.key) in { '\(values)' }")
            case "NotIn": terms.append("\(requirement.key) not in { '\(values)' }")
            case "Exists": terms.append("has(\(requirement.key))")
            case "DoesNotExist": terms.append("! has(\(requirement.key))")
            default: continue
            }
        }
        return terms.joined(separator: " && ")
    }
}
