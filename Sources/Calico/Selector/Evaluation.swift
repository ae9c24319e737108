// Evaluating a selector against labels: the fuzzer's inner loop, so no allocation and no
// string building; value comparisons are on UTF-8 bytes, as Go compares them.
// Source: projectcalico/calico:libcalico-go/lib/selector/parser/ast.go (`Evaluate` of each node).
// Absent label: `==`, `in`, `contains`, `starts with`, `ends with`, `has` are false;
// `!=` and `not in` are true. Cost: O(size of the expression) label look-ups.

extension SelectorExpression {
    /// True when the labels satisfy this expression.
    @inlinable
    public func evaluate<Labels: LabelSource>(_ labels: Labels) -> Bool {
        switch self {
        case .all, .global:
            return true
        case .has(let label):
            return labels.labelValue(label) != nil
        case .equals(let label, let value):
            guard let actual = labels.labelValue(label) else { return false }
            return ByteString.equal(actual, value)
        case .notEquals(let label, let value):
            guard let actual = labels.labelValue(label) else { return true }
            return !ByteString.equal(actual, value)
        case .contains(let label, let value):
            guard let actual = labels.labelValue(label) else { return false }
            return ByteString.contains(actual, value)
        case .startsWith(let label, let value):
            guard let actual = labels.labelValue(label) else { return false }
            return ByteString.hasPrefix(actual, value)
        case .endsWith(let label, let value):
            guard let actual = labels.labelValue(label) else { return false }
            return ByteString.hasSuffix(actual, value)
        case .isIn(let label, let values):
            guard let actual = labels.labelValue(label) else { return false }
            return ByteString.sortedContains(values, actual)
        case .notIn(let label, let values):
            guard let actual = labels.labelValue(label) else { return true }
            return !ByteString.sortedContains(values, actual)
        case .not(let operand):
            return !operand.evaluate(labels)
        case .and(let operands):
            for operand in operands where !operand.evaluate(labels) { return false }
            return true
        case .or(let operands):
            for operand in operands where operand.evaluate(labels) { return true }
            return false
        }
    }
}
