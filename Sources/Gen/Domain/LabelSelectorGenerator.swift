import Calico

// LabelSelectorGenerator: random Kubernetes `metav1.LabelSelector`s. Takes a vocabulary (keys
// and their values); gives selectors that are always valid per API validation — In/NotIn with at
// least one value, Exists/DoesNotExist with none — built from `matchLabels`, `matchExpressions`
// (In, NotIn, Exists, DoesNotExist), both, or neither (`{}`, which selects everything). Keys and
// values come mostly from the vocabulary, sometimes from outside it (matching nothing).
// Choice 0 gives `{}`. Cost: a handful of draws per selector.
// Source for validity: kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
// (ValidateLabelSelectorRequirement).

/// Keys, and the values each key takes, that selectors are drawn from.
struct SelectorVocabulary {
    var entries: [(key: String, values: [String])]

    static let pods = SelectorVocabulary(entries: Vocabulary.podLabels)

    /// Namespace keys, plus `kubernetes.io/metadata.name` over the given namespace names.
    static func namespaces(names: [String]) -> SelectorVocabulary {
        var entries = Vocabulary.namespaceLabels
        if !names.isEmpty { entries.append((Vocabulary.namespaceNameLabel, names)) }
        return SelectorVocabulary(entries: entries)
    }
}

enum LabelSelectorGenerator {
    /// The four requirement operators, in "simplest first" order.
    static let operators = ["In", "NotIn", "Exists", "DoesNotExist"]

    static func selector(_ draw: Draw, _ vocabulary: SelectorVocabulary) throws -> LabelSelector {
        try draw.span("selector") {
            // 0: {}; 1: matchLabels; 2: matchExpressions; 3: both; 4: an explicitly empty list.
            switch try draw.weighted([3, 4, 4, 2, 1]) {
            case 0: return LabelSelector()
            case 1: return LabelSelector(matchLabels: try matchLabels(draw, vocabulary))
            case 2: return LabelSelector(matchExpressions: try expressions(draw, vocabulary))
            case 3:
                return LabelSelector(
                    matchLabels: try matchLabels(draw, vocabulary),
                    matchExpressions: try expressions(draw, vocabulary))
            default:
                return try draw.bool() ? LabelSelector(matchLabels: [:]) : LabelSelector(matchExpressions: [])
            }
        }
    }

    static func matchLabels(_ draw: Draw, _ vocabulary: SelectorVocabulary) throws -> [String: String] {
        var labels: [String: String] = [:]
        for _ in 0..<(try draw.int(1...2)) {
            let (key, values) = try entry(draw, vocabulary)
            labels[key] = try value(draw, values)
        }
        return labels
    }

    static func expressions(_ draw: Draw, _ vocabulary: SelectorVocabulary) throws -> [LabelSelectorRequirement] {
        try (0..<(try draw.int(1...3))).map { _ in
            let (key, values) = try entry(draw, vocabulary)
            let op = try draw.element(operators)
            guard op == "In" || op == "NotIn" else { return LabelSelectorRequirement(key: key, operator: op) }
            var chosen: [String] = []
            for _ in 0..<(try draw.int(1...3)) {
                let v = try value(draw, values)
                if !chosen.contains(v) { chosen.append(v) }
            }
            return LabelSelectorRequirement(key: key, operator: op, values: chosen)
        }
    }

    /// A key from the vocabulary (usually) or from outside it (1 in 12).
    static func entry(_ draw: Draw, _ vocabulary: SelectorVocabulary) throws -> (String, [String]) {
        if try vocabulary.entries.isEmpty || draw.oneIn(12) {
            return (try draw.element(Vocabulary.foreignKeys), Vocabulary.foreignValues)
        }
        let entry = try draw.element(vocabulary.entries)
        return (entry.key, entry.values)
    }

    /// A value for the key (usually) or from outside the vocabulary, `""` included (1 in 10).
    static func value(_ draw: Draw, _ values: [String]) throws -> String {
        if try values.isEmpty || draw.oneIn(10) { return try draw.element(Vocabulary.foreignValues) }
        return try draw.element(values)
    }

    /// `labels` with one vocabulary key removed if present, or added with a drawn value if not.
    static func togglingOneKey(
        _ draw: Draw, _ labels: [String: String], _ entries: [(key: String, values: [String])]
    ) throws -> [String: String] {
        var labels = labels
        let entry = try draw.element(entries)
        if labels[entry.key] != nil {
            labels[entry.key] = nil
        } else {
            labels[entry.key] = try draw.element(entry.values)
        }
        return labels
    }

    /// The pod labels a relabel or create draws: each vocabulary key present or not, with a
    /// value from the vocabulary; now and then a foreign label. Choice 0 gives no labels.
    static func labels(_ draw: Draw, _ entries: [(key: String, values: [String])]) throws -> [String: String] {
        var labels: [String: String] = [:]
        for entry in entries where try draw.int(0...3) > 0 {
            labels[entry.key] = try draw.element(entry.values)
        }
        if try draw.oneIn(10) { labels[try draw.element(Vocabulary.foreignKeys)] = "canary" }
        return labels
    }
}
