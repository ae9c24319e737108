// The selector AST, shaped like Calico's parser nodes so the canonical form and the IDs match.
// Source: projectcalico/calico:libcalico-go/lib/selector/parser/ast.go.
// There is no "parenthesis" node: a parenthesised group is simply a nested `.and`/`.or`, which
// prints in parentheses; parentheses around a single operand leave no trace (as in Calico).

/// One node of a parsed selector.
public indirect enum SelectorExpression: Hashable, Sendable {
    /// `all()`: matches everything (also the empty selector).
    case all
    /// `global()`: matches everything when evaluated; only means something in namespaceSelectors.
    case global
    /// `has(label)`: the label is present (any value, including "").
    case has(label: String)
    /// `label == "value"`.
    case equals(label: String, value: String)
    /// `label != "value"`: true when the label is absent too.
    case notEquals(label: String, value: String)
    /// `label contains "value"`.
    case contains(label: String, value: String)
    /// `label starts with "value"`.
    case startsWith(label: String, value: String)
    /// `label ends with "value"`.
    case endsWith(label: String, value: String)
    /// `label in {…}`; values sorted by bytes and unique.
    case isIn(label: String, values: [String])
    /// `label not in {…}`: true when the label is absent too; values sorted by bytes and unique.
    case notIn(label: String, values: [String])
    /// `!operand`.
    case not(SelectorExpression)
    /// `(a && b && …)`, two or more operands, in source order.
    case and([SelectorExpression])
    /// `(a || b || …)`, two or more operands, in source order.
    case or([SelectorExpression])
}

extension SelectorExpression {
    /// The same expression with every label key rewritten (Calico's `PrefixVisitor` generalised).
    public func mappingLabels(_ transform: (String) -> String) -> SelectorExpression {
        switch self {
        case .all, .global: return self
        case .has(let label): return .has(label: transform(label))
        case .equals(let label, let value): return .equals(label: transform(label), value: value)
        case .notEquals(let label, let value): return .notEquals(label: transform(label), value: value)
        case .contains(let label, let value): return .contains(label: transform(label), value: value)
        case .startsWith(let label, let value): return .startsWith(label: transform(label), value: value)
        case .endsWith(let label, let value): return .endsWith(label: transform(label), value: value)
        case .isIn(let label, let values): return .isIn(label: transform(label), values: values)
        case .notIn(let label, let values): return .notIn(label: transform(label), values: values)
        case .not(let operand): return .not(operand.mappingLabels(transform))
        case .and(let operands): return .and(operands.map { $0.mappingLabels(transform) })
        case .or(let operands): return .or(operands.map { $0.mappingLabels(transform) })
        }
    }

    /// Every label key the expression reads.
    public func collectLabelKeys(into keys: inout Set<String>) {
        switch self {
        case .all, .global: return
        case .has(let label), .equals(let label, _), .notEquals(let label, _), .contains(let label, _),
            .startsWith(let label, _), .endsWith(let label, _), .isIn(let label, _), .notIn(let label, _):
            keys.insert(label)
        case .not(let operand): operand.collectLabelKeys(into: &keys)
        case .and(let operands), .or(let operands):
            for operand in operands { operand.collectLabelKeys(into: &keys) }
        }
    }

    /// Set literals sorted and de-duplicated; an empty `.and` becomes `.all`, an empty `.or`
    /// becomes `!all()` (Calico's parser never builds either). Everything else is kept as is.
    public var normalised: SelectorExpression {
        switch self {
        case .isIn(let label, let values): return .isIn(label: label, values: ByteString.sortedUnique(values))
        case .notIn(let label, let values): return .notIn(label: label, values: ByteString.sortedUnique(values))
        case .not(let operand): return .not(operand.normalised)
        case .and(let operands): return operands.isEmpty ? .all : .and(operands.map(\.normalised))
        case .or(let operands): return operands.isEmpty ? .not(.all) : .or(operands.map(\.normalised))
        default: return self
        }
    }
}
