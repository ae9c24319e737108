// The selector parser. Takes: tokens from SelectorTokenizer. Gives: a SelectorExpression or a
// SelectorParseError naming what was expected and the column. Cost: O(tokens).
//
// Source: projectcalico/calico:libcalico-go/lib/selector/parser/parser.go. Facts kept from it:
// - precedence `!` > `&&` > `||`; a chain `a && b && c` is one n-ary node, a one-operand chain
//   is its operand;
// - a run of adjacent `!` tokens collapses by parity (`!!a == "b"` is `a == "b"`), but a `!`
//   before a parenthesised group wraps whatever the group parsed to, so `!(!a == "b")` is
//   Not(Not(…)) (spec §0 A1);
// - set literals allow `{}` and a trailing comma; the values are sorted and de-duplicated;
// - empty (or blank) input is `all()`; anything after a complete expression is an error.

struct SelectorParser {
    /// Deepest parenthesis nesting accepted. Calico has no limit; we keep recursion (parse,
    /// print, evaluate) well inside a secondary thread's stack.
    static let maxNesting = 200

    private let tokens: [SelectorToken]
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(tokens: [SelectorToken], bytes: [UInt8]) {
        self.tokens = tokens
        self.bytes = bytes
    }

    /// Parses selector text into its AST.
    static func parse(_ text: String) throws(SelectorParseError) -> SelectorExpression {
        let tokens = try SelectorTokenizer.tokenize(text)
        if tokens.first?.kind == .end { return .all }
        var parser = SelectorParser(tokens: tokens, bytes: Array(text.utf8))
        let expression = try parser.parseOr()
        let next = parser.current
        guard next.kind == .end else {
            throw parser.fail("expected '&&', '||' or the end of the selector", at: next)
        }
        return expression
    }

    private var current: SelectorToken { tokens[min(index, tokens.count - 1)] }

    /// An error at `token`, naming it as what was found.
    private func fail(_ message: String, at token: SelectorToken) -> SelectorParseError {
        SelectorParseError(
            message: message, column: SelectorTokenizer.column(ofByte: token.offset, in: bytes), found: token.display)
    }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private mutating func parseOr() throws(SelectorParseError) -> SelectorExpression {
        var operands = [try parseAnd()]
        while current.kind == .or {
            advance()
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    private mutating func parseAnd() throws(SelectorParseError) -> SelectorExpression {
        var operands = [try parseOperation()]
        while current.kind == .and {
            advance()
            operands.append(try parseOperation())
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private mutating func parseOperation() throws(SelectorParseError) -> SelectorExpression {
        var negated = false
        while current.kind == .not {
            negated.toggle()
            advance()
        }
        let token = current
        let operand: SelectorExpression
        switch token.kind {
        case .has:
            advance()
            operand = .has(label: token.value)
        case .all:
            advance()
            operand = .all
        case .global:
            advance()
            operand = .global
        case .label:
            advance()
            operand = try parseComparison(label: token)
        case .leftParen:
            depth += 1
            guard depth <= Self.maxNesting else {
                throw fail("parentheses nested deeper than \(Self.maxNesting) levels", at: token)
            }
            advance()
            let inner = try parseOr()
            guard current.kind == .rightParen else {
                throw fail("expected ')' to close the '(' at column \(column(of: token))", at: current)
            }
            advance()
            depth -= 1
            operand = inner
        default:
            throw fail(
                "expected a label, '!', '(', 'has(', 'all()' or 'global()'", at: token)
        }
        return negated ? .not(operand) : operand
    }

    private func column(of token: SelectorToken) -> Int {
        SelectorTokenizer.column(ofByte: token.offset, in: bytes)
    }

    /// After a label: an operator and its operand.
    private mutating func parseComparison(label labelToken: SelectorToken) throws(SelectorParseError) -> SelectorExpression {
        let label = labelToken.value
        let op = current
        switch op.kind {
        case .equals, .notEquals, .contains, .startsWith, .endsWith:
            advance()
            let operand = current
            guard operand.kind == .string else {
                throw fail("expected a string after \(op.display)", at: operand)
            }
            advance()
            let value = operand.value
            switch op.kind {
            case .equals: return .equals(label: label, value: value)
            case .notEquals: return .notEquals(label: label, value: value)
            case .contains: return .contains(label: label, value: value)
            case .startsWith: return .startsWith(label: label, value: value)
            default: return .endsWith(label: label, value: value)
            }
        case .isIn, .notIn:
            advance()
            let values = try parseSetLiteral(after: op)
            let set = ByteString.sortedUnique(values)
            return op.kind == .isIn ? .isIn(label: label, values: set) : .notIn(label: label, values: set)
        default:
            var error = fail(
                "expected an operator (==, !=, in, not in, contains, starts with, ends with) after label '\(label)'",
                at: op)
            if op.kind == .leftParen, ["has", "all", "global"].contains(label) {
                error.found = "'(' after a space: write '\(label)(' with no space before the parenthesis"
            }
            throw error
        }
    }

    /// `{` [string (`,` string)* [`,`]] `}`.
    private mutating func parseSetLiteral(after op: SelectorToken) throws(SelectorParseError) -> [String] {
        guard current.kind == .leftBrace else {
            throw fail("expected a set literal '{…}' after \(op.display)", at: current)
        }
        advance()
        var values: [String] = []
        while current.kind == .string {
            values.append(current.value)
            advance()
            guard current.kind == .comma else { break }
            advance()
        }
        guard current.kind == .rightBrace else {
            throw fail("expected a string, ',' or '}' in the set after \(op.display)", at: current)
        }
        advance()
        return values
    }
}
