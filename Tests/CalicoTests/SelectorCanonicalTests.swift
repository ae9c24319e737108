import Testing
@testable import Calico

/// Parse → canonical text → ID, for every operator and the spellings Calico accepts.
/// Expected texts follow Calico's `collectFragments` (libcalico-go/lib/selector/parser/ast.go).
@Suite struct SelectorCanonicalTests {
    static let cases: [(String, String)] = [
        // Comparisons, quoting and spacing.
        (#"a == "b""#, #"a == "b""#),
        (#"a=="b""#, #"a == "b""#),
        (#"a == 'b'"#, #"a == "b""#),
        (#"a == """#, #"a == """#),
        (#"a != "b""#, #"a != "b""#),
        (#"a!="b""#, #"a != "b""#),
        (#"a contains "b""#, #"a contains "b""#),
        (#"a contains"b""#, #"a contains "b""#),
        (#"a starts with "b""#, #"a starts with "b""#),
        (#"a startswith "b""#, #"a starts with "b""#),
        ("a starts \t with \"b\"", #"a starts with "b""#),
        (#"a startswith"b""#, #"a starts with "b""#),
        (#"a ends with "b""#, #"a ends with "b""#),
        (#"a endswith 'b'"#, #"a ends with "b""#),
        (#"a ends  with  "b""#, #"a ends with "b""#),
        (#"a == "it's""#, #"a == "it's""#),
        (#"a == 'say "hi"'"#, #"a == 'say "hi"'"#),
        (#"a != '"'"#, #"a != '"'"#),
        (#"a contains 'x"y'"#, #"a contains 'x"y'"#),
        // Sets: sorted by bytes, unique, empty, trailing comma.
        (#"a in {"b"}"#, #"a in {"b"}"#),
        (#"a in{"b"}"#, #"a in {"b"}"#),
        (#"a in {}"#, #"a in {}"#),
        (#"a in { }"#, #"a in {}"#),
        (#"a in {"b",}"#, #"a in {"b"}"#),
        (#"a in { "b" , "a" , }"#, #"a in {"a", "b"}"#),
        (#"a in {'b', "c"}"#, #"a in {"b", "c"}"#),
        (#"a in {"b","a","b"}"#, #"a in {"a", "b"}"#),
        (#"a in {"b", "B", "a", "_"}"#, #"a in {"B", "_", "a", "b"}"#),
        (#"a in {'"', "'"}"#, #"a in {'"', "'"}"#),
        (#"a in {"é", "z"}"#, #"a in {"z", "é"}"#),
        ("a in {\"\u{E9}\", \"e\u{301}\"}", "a in {\"e\u{301}\", \"\u{E9}\"}"),
        (#"a not in {"b"}"#, #"a not in {"b"}"#),
        (#"a notin {"b"}"#, #"a not in {"b"}"#),
        ("a not\t\tin {\"b\"}", #"a not in {"b"}"#),
        (#"a not in{"x"}"#, #"a not in {"x"}"#),
        (#"a not in {}"#, #"a not in {}"#),
        (#"a notin {"z", "y", "z",}"#, #"a not in {"y", "z"}"#),
        // Functions.
        ("has(a)", "has(a)"),
        ("has( a )", "has(a)"),
        ("has(\ta)", "has(a)"),
        ("all()", "all()"),
        ("all( )", "all()"),
        ("global()", "global()"),
        ("global(\t)", "global()"),
        ("!global()", "!global()"),
        // Labels: every allowed character; keywords are labels where a label is expected.
        (#"projectcalico.org/namespace == "x""#, #"projectcalico.org/namespace == "x""#),
        (#"a-b_c.d/e == "x""#, #"a-b_c.d/e == "x""#),
        (#"1abc == "x""#, #"1abc == "x""#),
        (#"in == "x""#, #"in == "x""#),
        (#"has == "x""#, #"has == "x""#),
        (#"all != "x""#, #"all != "x""#),
        (#"contains contains "x""#, #"contains contains "x""#),
        (#"not in {"a"}"#, #"not in {"a"}"#),
        (#"startswith startswith "x""#, #"startswith starts with "x""#),
        // Negation: adjacent `!` collapse by parity; `!` before a parenthesised group is kept.
        ("!has(a)", "!has(a)"),
        ("! has(a)", "!has(a)"),
        ("!!has(a)", "has(a)"),
        ("!!!has(a)", "!has(a)"),
        ("!! ! has(a)", "!has(a)"),
        ("! !!has(a)", "!has(a)"),
        (#"!a in {"a"}"#, #"!a in {"a"}"#),
        (#"!(a == "b")"#, #"!a == "b""#),
        (#"!(!a == "b")"#, #"!!a == "b""#),
        (#"!!(a == "b")"#, #"a == "b""#),
        (#"!(!!a == "b")"#, #"!a == "b""#),
        (#"!(!(!a == "b"))"#, #"!!!a == "b""#),
        (#"!(a == "b" && c == "d")"#, #"!(a == "b" && c == "d")"#),
        // AND / OR: n-ary, always parenthesised; groups stay nested; single-operand parens vanish.
        (#"a == "b" && c == "d""#, #"(a == "b" && c == "d")"#),
        (#"a == "b"&&c == "d""#, #"(a == "b" && c == "d")"#),
        (#"a == "b" || c == "d""#, #"(a == "b" || c == "d")"#),
        (#"a == "b" && c == "d" && e == "f""#, #"(a == "b" && c == "d" && e == "f")"#),
        (#"a == "b" || c == "d" || e == "f""#, #"(a == "b" || c == "d" || e == "f")"#),
        (#"(a == "b" && c == "d") && e == "f""#, #"((a == "b" && c == "d") && e == "f")"#),
        (#"a == "b" && (c == "d" && e == "f")"#, #"(a == "b" && (c == "d" && e == "f"))"#),
        (#"a == "b" || (c == "d" || e == "f")"#, #"(a == "b" || (c == "d" || e == "f"))"#),
        (#"(a == "b") && c == "d""#, #"(a == "b" && c == "d")"#),
        (#"((a == "b"))"#, #"a == "b""#),
        (#"a == "b" || c == "d" && e == "f""#, #"(a == "b" || (c == "d" && e == "f"))"#),
        (#"a == "b" && c == "d" || e == "f""#, #"((a == "b" && c == "d") || e == "f")"#),
        (#"(a == "b" || c == "d") && e == "f""#, #"((a == "b" || c == "d") && e == "f")"#),
        (#"!(a == "b" || c == "d") && !(e == "f")"#, #"(!(a == "b" || c == "d") && !e == "f")"#),
        ("global() && has(a)", "(global() && has(a))"),
        ("all() || !all()", "(all() || !all())"),
        (
            #"!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))"#,
            #"!(!((k == "v" && has(t)) || all()) && a in {"b", "c"})"#
        ),
        // Whitespace: only space and tab.
        ("\ta == \"b\"\t", #"a == "b""#),
        ("   ", "all()"),
        ("\t", "all()"),
        ("", "all()"),
        (" ( all() ) ", "all()"),
    ]

    @Test(arguments: cases)
    func canonicalAndID(input: String, canonical: String) throws {
        let selector = try Selector(parsing: input)
        #expect(selector.canonical.utf8.elementsEqual(canonical.utf8), "\(input) → \(selector.canonical)")
        #expect(selector.uniqueID == UniqueID.make(prefix: "s", content: canonical))
        #expect(selector.uniqueID.hasPrefix("s:") && selector.uniqueID.count == 40)
        #expect(selector.description == selector.canonical)
    }

    /// Parsing the canonical text gives the same text again — except for a kept `!` before a
    /// negation (spec §0 A1), which the re-parse collapses.
    @Test(arguments: cases)
    func canonicalRoundTrips(input: String, canonical: String) throws {
        let again = try Selector(parsing: canonical)
        if canonical.hasPrefix("!!") {
            #expect(again.canonical != canonical)
        } else {
            #expect(again.canonical.utf8.elementsEqual(canonical.utf8))
        }
    }

    @Test func doubleNegationOfAGroupNamesADifferentIPSet() throws {
        let kept = try Selector(parsing: #"!(!a == "b")"#)
        let plain = try Selector(parsing: #"a == "b""#)
        #expect(kept.expression == .not(.not(.equals(label: "a", value: "b"))))
        #expect(kept.uniqueID != plain.uniqueID)
        #expect(kept != plain)
        // The printed form re-parses to the collapsed selector: String() is not idempotent here.
        #expect(try Selector(parsing: kept.canonical) == plain)
        // Both still select the same labels.
        for labels: [String: String] in [[:], ["a": "b"], ["a": "c"]] {
            #expect(kept.matches(labels) == plain.matches(labels))
        }
    }

    @Test func longestLabelIsAccepted() throws {
        let label = String(repeating: "x", count: 512)
        let selector = try Selector(parsing: label + #" == "v""#)
        #expect(selector.canonical == label + #" == "v""#)
        #expect(try Selector(parsing: "has(\(label))").labelKeys == [label])
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = SelectorParser.maxNesting
        let text = String(repeating: "(", count: depth) + "has(a)" + String(repeating: ")", count: depth)
        #expect(try Selector(parsing: text).canonical == "has(a)")
    }

    @Test func equalSpellingsAreEqualSelectors() throws {
        let spellings = [#"a=="b""#, #"a == 'b'"#, #"!!a == "b""#, #"((a == "b"))"#, "\ta ==\t\"b\""]
        let selectors = try spellings.map { try Selector(parsing: $0) }
        #expect(Set(selectors).count == 1)
        #expect(Set(selectors.map(\.uniqueID)).count == 1)
    }
}
