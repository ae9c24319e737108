import Testing
@testable import Calico

/// Invalid selectors: each is rejected (as Calico rejects it) with what was expected and the
/// 1-based column where the problem starts.
@Suite struct SelectorErrorTests {
    static let tooLong = String(repeating: "x", count: 513)

    /// (input, column, a fragment the message must contain).
    static let cases: [(String, Int, String)] = [
        (#"a = "b""#, 3, "expected '=='"),
        ("=", 1, "expected '=='"),
        (#"a == "b" & c == "d""#, 10, "expected '&&'"),
        (#"foo == "bar" &"#, 14, "expected '&&'"),
        (#"a == "b" | c == "d""#, 10, "expected '||'"),
        (#"foo == "bar" |"#, 14, "expected '||'"),
        ("has (a)", 5, "after label 'has'"),
        ("all ()", 5, "after label 'all'"),
        ("global ()", 8, "after label 'global'"),
        (#"a == "b"#, 6, "unterminated string"),
        ("a == 'b", 6, "unterminated string"),
        (#""FOO'"#, 1, "unterminated string"),
        ("'FOO", 1, "unterminated string"),
        (#"a in {"x", "y}"#, 12, "unterminated string"),
        (#"a == "b" c"#, 10, "expected '&&', '||' or the end"),
        (#"a == "b")"#, 9, "expected '&&', '||' or the end"),
        (#"has(a) has(b)"#, 8, "expected '&&', '||' or the end"),
        (tooLong + #" == "b""#, 1, "limit is 512"),
        ("has(\(tooLong))", 5, "limit is 512"),
        (#"a == b"#, 6, "expected a string after '=='"),
        (#"a != b"#, 6, "expected a string after '!='"),
        (#"b contains b"#, 12, "expected a string after 'contains'"),
        (#"b contains(b)"#, 11, "expected a string after 'contains'"),
        // Calico checks the word boundary after the blanks that follow a two-word operator, so
        // a label there makes the operator itself unrecognised (spec §0 C1).
        (#"b starts with b"#, 3, "expected an operator"),
        (#"b ends with b"#, 3, "expected an operator"),
        (#"b not in b"#, 3, "expected an operator"),
        (#"b in b"#, 6, "expected a set literal"),
        ("a ==", 5, "expected a string after '=='"),
        ("a", 2, "expected an operator"),
        ("a ", 3, "expected an operator"),
        ("a b", 3, "expected an operator"),
        (#"a starts "b""#, 3, "expected an operator"),
        (#"a inx {"a"}"#, 3, "expected an operator"),
        (#"a not inx {}"#, 3, "expected an operator"),
        (#"a containsx "b""#, 3, "expected an operator"),
        (#"a ! = "b""#, 5, "expected '=='"),
        (#"'b1' == b"#, 1, "expected a label"),
        ("!", 2, "expected a label"),
        ("foo != ||", 8, "expected a string after '!='"),
        (#"foo in {"", ||"#, 13, "expected a string, ',' or '}'"),
        (#"a in {"a" "b"}"#, 11, "expected a string, ',' or '}'"),
        (#"a in {,}"#, 7, "expected a string, ',' or '}'"),
        (#"a in {"a",,}"#, 11, "expected a string, ',' or '}'"),
        (#"foo in "x""#, 8, "expected a set literal"),
        ("a not in", 9, "expected a set literal"),
        ("(", 2, "expected a label"),
        (#"(a == "foo""#, 12, "expected ')' to close the '(' at column 1"),
        (#"a == "b" && (c == "d""#, 22, "expected ')' to close the '(' at column 13"),
        (")", 1, "expected a label"),
        ("()", 2, "expected a label"),
        ("%", 1, "expected a label"),
        (#"a == "b" && %"#, 13, "expected a label"),
        (#"a == "b" || %"#, 13, "expected a label"),
        ("has(foo) &&", 12, "expected a label"),
        ("a == \"b\"\n", 9, "expected a label"),
        ("\na == \"b\"", 1, "expected a label"),
        ("has(a", 6, "expected ')' to close 'has(a'"),
        ("has()", 5, "expected a label name inside 'has('"),
        ("has(%)", 5, "expected a label name inside 'has('"),
        ("all(x)", 5, "expected ')' after 'all('"),
        ("global(", 8, "expected ')' after 'global('"),
        ("a == \"é\" %", 10, "expected a label"),
        ("é == \"b\"", 1, "expected a label"),
    ]

    @Test(arguments: cases)
    func rejectedWithColumn(input: String, column: Int, fragment: String) {
        do {
            let selector = try Selector(parsing: input)
            Issue.record("'\(input)' parsed as \(selector.canonical)")
        } catch {
            #expect(error.column == column, "'\(input)': \(error)")
            #expect(error.description.contains(fragment), "'\(input)': \(error)")
            #expect(error.description.contains("at column \(column)"))
        }
    }

    @Test func messageNamesWhatWasFound() {
        #expect(throws: SelectorParseError(
            message: "expected a string after '=='", column: 6, found: "label 'b'")) {
            try Selector(parsing: "a == b")
        }
        #expect(throws: SelectorParseError(
            message: "expected a string after '=='", column: 5, found: "end of input")) {
            try Selector(parsing: "a ==")
        }
    }

    @Test func spacedHasExplainsTheFix() {
        #expect {
            try Selector(parsing: "has (a)")
        } throws: { error in
            "\(error)".contains("no space before the parenthesis")
        }
    }

    @Test func newlineIsNamed() {
        #expect {
            try Selector(parsing: "a == \"b\"\n&& has(c)")
        } throws: { error in
            "\(error)".contains("newline")
        }
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() {
        let depth = SelectorParser.maxNesting + 1
        let text = String(repeating: "(", count: depth) + "has(a)" + String(repeating: ")", count: depth)
        #expect {
            try Selector(parsing: text)
        } throws: { error in
            "\(error)".contains("nested deeper")
        }
    }
}
