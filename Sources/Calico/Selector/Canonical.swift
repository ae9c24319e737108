// The canonical text of a selector, byte for byte as Calico's `String()` prints it; its
// SHA-224 is the IP set ID, so any difference here renames IP sets.
// Source: projectcalico/calico:libcalico-go/lib/selector/parser/ast.go (`collectFragments`).
// - values in double quotes, or single quotes when the value contains `"`;
// - `label in {"a", "b"}` with the set already sorted and unique; `{}` when empty;
// - `!` + operand with no space and no simplification;
// - `.and`/`.or` always in parentheses: `(a && b)`, `(a || b || c)`.
// Cost: O(size of the output).

extension SelectorExpression {
    /// Calico's `String()` form of this expression.
    public var canonicalText: String {
        var out = ""
        appendCanonical(to: &out)
        return out
    }

    func appendCanonical(to out: inout String) {
        switch self {
        case .all: out += "all()"
        case .global: out += "global()"
        case .has(let label): out += "has(" + label + ")"
        case .equals(let label, let value): Self.appendComparison(label, " == ", value, to: &out)
        case .notEquals(let label, let value): Self.appendComparison(label, " != ", value, to: &out)
        case .contains(let label, let value): Self.appendComparison(label, " contains ", value, to: &out)
        case .startsWith(let label, let value): Self.appendComparison(label, " starts with ", value, to: &out)
        case .endsWith(let label, let value): Self.appendComparison(label, " ends with ", value, to: &out)
        case .isIn(let label, let values): Self.appendSet(label, " in {", values, to: &out)
        case .notIn(let label, let values): Self.appendSet(label, " not in {", values, to: &out)
        case .not(let operand):
            out += "!"
            operand.appendCanonical(to: &out)
        case .and(let operands): Self.appendJoined(operands, " && ", to: &out)
        case .or(let operands): Self.appendJoined(operands, " || ", to: &out)
        }
    }

    private static func appendQuoted(_ value: String, to out: inout String) {
        let quote = value.utf8.contains(UInt8(ascii: "\"")) ? "'" : "\""
        out += quote + value + quote
    }

    private static func appendComparison(_ label: String, _ op: String, _ value: String, to out: inout String) {
        out += label + op
        appendQuoted(value, to: &out)
    }

    private static func appendSet(_ label: String, _ opening: String, _ values: [String], to out: inout String) {
        out += label + opening
        for (position, value) in values.enumerated() {
            if position > 0 { out += ", " }
            appendQuoted(value, to: &out)
        }
        out += "}"
    }

    private static func appendJoined(_ operands: [SelectorExpression], _ separator: String, to out: inout String) {
        out += "("
        for (position, operand) in operands.enumerated() {
            if position > 0 { out += separator }
            operand.appendCanonical(to: &out)
        }
        out += ")"
    }
}
