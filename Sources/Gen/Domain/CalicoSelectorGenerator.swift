import Calico

// CalicoSelectorGenerator: random selectors in Calico's whole selector language, as Felix users
// write them in Calico's own policies (Kubernetes NetworkPolicy reaches only ==, !=, in, not in,
// has() and !has() joined by &&). Takes a vocabulary (keys and their values) and whether
// `global()` is allowed (it means something only in a namespaceSelector); gives a
// `SelectorExpression` whose canonical text Calico parses back to the same selector.
// Grammar: projectcalico/calico:libcalico-go/lib/selector/parser/parser.go (operators `==`,
// `!=`, `in {…}`, `not in {…}`, `has()`, `!`, `contains`, `starts with`, `ends with`, `all()`,
// `global()`, `&&`, `||`, parentheses).
//
// Shrinking: the smallest choices give `all()`, the next ones `key == "value"`, so zeroing and lowering choices
// moves a selector towards `all()` and `==`; composite nodes come last, so a smaller choice
// never makes a deeper tree. Values mostly come from the vocabulary (and substrings of its
// values for contains / starts with / ends with), so selectors match often.
// Cost: a handful of draws per node; depth at most `maxDepth`.

enum CalicoSelectorGenerator {
    /// The node kinds, simplest first; the generator's weights follow this order.
    enum Node: Int, CaseIterable {
        case all, equals, notEquals, has, notHas, isIn, notIn, contains, startsWith, endsWith, global
        case not, and, or
    }

    /// Weights by `Node` order: leaves common, composites rarer, `all()` and `global()` rare.
    static let weights = [2, 8, 4, 4, 3, 4, 3, 3, 3, 3, 1, 2, 4, 3]

    /// Label-key prefixes users write: none, a DNS-style prefix, and the two that Calico adds to
    /// inherited labels (namespace and service-account labels).
    static let keyPrefixes = ["", "example.com/", "pcns.", "pcsa."]

    static func selector(
        _ draw: Draw, _ vocabulary: SelectorVocabulary, allowGlobal: Bool = false, maxDepth: Int = 3
    ) throws -> SelectorExpression {
        try draw.span("calico-selector") { try node(draw, vocabulary, allowGlobal: allowGlobal, depth: maxDepth) }
    }

    private static func node(
        _ draw: Draw, _ vocabulary: SelectorVocabulary, allowGlobal: Bool, depth: Int
    ) throws -> SelectorExpression {
        var allowed = weights
        if !allowGlobal { allowed[Node.global.rawValue] = 0 }
        if depth <= 0 { for composite in [Node.not, .and, .or] { allowed[composite.rawValue] = 0 } }
        let kind = Node(rawValue: try draw.weighted(allowed))!
        switch kind {
        case .all: return .all
        case .global: return .global
        case .not:
            // Calico's parser folds `!!x` into `x`, so a double negation would not survive its
            // own canonical text: negating a negation gives the operand back.
            let operand = try node(draw, vocabulary, allowGlobal: allowGlobal, depth: depth - 1)
            if case .not(let inner) = operand { return inner }
            return .not(operand)
        case .and, .or:
            let operands = try (0..<(try draw.int(2...3))).map { _ in
                try node(draw, vocabulary, allowGlobal: allowGlobal, depth: depth - 1)
            }
            return kind == .and ? .and(operands) : .or(operands)
        default:
            return try leaf(kind, draw, vocabulary)
        }
    }

    private static func leaf(_ kind: Node, _ draw: Draw, _ vocabulary: SelectorVocabulary) throws -> SelectorExpression {
        let (key, values) = try entry(draw, vocabulary)
        switch kind {
        case .equals: return .equals(label: key, value: try value(draw, values))
        case .notEquals: return .notEquals(label: key, value: try value(draw, values))
        case .has: return .has(label: key)
        case .notHas: return .not(.has(label: key))  // Kept apart from `!`: users write it as one operator.
        case .isIn, .notIn:
            let set = try (0..<(try draw.int(1...3))).map { _ in try value(draw, values) }
            // Sorted by bytes and de-duplicated, as Calico's parser stores set literals.
            return (kind == .isIn ? SelectorExpression.isIn(label: key, values: set) : .notIn(label: key, values: set)).normalised
        case .contains: return .contains(label: key, value: try part(draw, try value(draw, values), .middle))
        case .startsWith: return .startsWith(label: key, value: try part(draw, try value(draw, values), .start))
        case .endsWith: return .endsWith(label: key, value: try part(draw, try value(draw, values), .end))
        default: preconditionFailure("not a leaf: \(kind)")
        }
    }

    /// A key from the vocabulary (now and then with a prefix, or from outside it).
    private static func entry(_ draw: Draw, _ vocabulary: SelectorVocabulary) throws -> (String, [String]) {
        if try draw.oneIn(12) {
            return (try draw.element(Vocabulary.foreignKeys), Vocabulary.foreignValues)
        }
        let (key, values) = try draw.element(vocabulary.entries)
        let prefix = try draw.oneIn(6) ? draw.element(keyPrefixes) : ""
        return (prefix + key, values)
    }

    private static func value(_ draw: Draw, _ values: [String]) throws -> String {
        if try values.isEmpty || draw.oneIn(12) { return try draw.element(Vocabulary.foreignValues) }
        return try draw.element(values)
    }

    enum Part { case start, middle, end }

    /// A piece of `value` that the string operators can find: the whole value (simplest), or a
    /// prefix, infix or suffix of it.
    private static func part(_ draw: Draw, _ value: String, _ where: Part) throws -> String {
        let characters = Array(value)
        guard characters.count > 1, try draw.bool() else { return value }
        let length = try draw.int(1...(characters.count - 1))
        switch `where` {
        case .start: return String(characters.prefix(length))
        case .end: return String(characters.suffix(length))
        case .middle:
            let start = try draw.int(0...(characters.count - length))
            return String(characters[start..<(start + length)])
        }
    }
}
