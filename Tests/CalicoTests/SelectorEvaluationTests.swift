import Testing
@testable import Calico

/// Evaluation: Calico's `selectorTests` table (parser_test.go), absent-label semantics, byte
/// exactness, and label inheritance (own labels, then profiles in order, first hit wins).
@Suite struct SelectorEvaluationTests {
    /// (selector, labels that match, labels that do not) — from Calico's parser_test.go.
    static let calicoTable: [(String, [[String: String]], [[String: String]])] = [
        (#"a == "b""#, [["a": "b"], ["a": "b", "c": "d"]], [[:], ["a": "c"], ["c": "d"]]),
        (#"a == "b" && c == "d""#, [["a": "b", "c": "d"]],
         [[:], ["a": "b", "c": "e"], ["a": "c", "c": "d"], ["c": "d"], ["a": "b"]]),
        (#"a == "b" || c == "d""#, [["a": "b", "c": "d"], ["a": "b"], ["c": "d"]],
         [[:], ["a": "e", "c": "e"], ["c": "e"], ["a": "e"]]),
        (#"a in {"'", '"', "c"}"#, [["a": "c"], ["a": "\""], ["a": "'"]], [[:], ["a": "e"]]),
        (#"a not in {"'", '"', "c"}"#, [[:], ["a": "e"]], [["a": "c"], ["a": "\""], ["a": "'"]]),
        ("a == 'a'", [["a": "a"]], [["a": "b"], [:]]),
        (#"a != "b""#, [["a": "a"]], []),
        (#"a != "a""#, [[:]], [["a": "a"]]),
        (#"a contains "a""#, [["a": "a"], ["a": "bab"], ["a": "aaa", "b": "c"]], [[:], ["a": "b"], ["b": "aaa"]]),
        (#"a starts with "a""#, [["a": "a"], ["a": "abb"], ["a": "aaa", "b": "c"]],
         [[:], ["a": "b"], ["a": "baa"], ["b": "aaa"]]),
        (#"a ends with "a""#, [["a": "a"], ["a": "bba"], ["a": "aaa", "b": "c"]],
         [[:], ["a": "b"], ["a": "aab"], ["b": "aaa"]]),
        (#"a in {"a"}"#, [["a": "a"]], [["a": "b"]]),
        (#"!a in {"a"}"#, [["a": "b"]], []),
        (#"a in {"a", "b"}"#, [["a": "a"], ["a": "b"]], [["a": "c"]]),
        (#"a not in {"d", "e"}"#, [["a": "a"]], []),
        (#"a not in {"a"}"#, [], [["a": "a"]]),
        ("has(a)", [["a": "b"]], []),
        ("!has(a)", [["b": "b"]], [["a": "b"]]),
        ("has(b)", [], [["a": "b"]]),
        ("!!has(b)", [], [["a": "b"]]),
        ("!!! has(a)", [], [["a": "b"]]),
        ("!! ! has(a)", [], [["a": "b"]]),
        ("", [[:], ["a": "b"]], []),
        (" ", [[:]], []),
        (" all()", [[:], ["a": "b"]], []),
        (" global()", [[:], ["a": "b"]], []),
        ("a == 'a1' && b == 'b1'", [["a": "a1", "b": "b1"]], []),
        ("a == 'a1' && b != 'b1'", [], [["a": "a1", "b": "b1"]]),
        ("a != 'a1' && !b == 'b1'", [], [["a": "a1", "b": "b1"]]),
        ("has(a) && !has(b)", [["a": "a"]], []),
        ("!(!has(a) || has(b))", [["a": "a"]], []),
        ("!(has(b) || !has(a))", [["a": "a"]], []),
        ("a == 'a1' || b != 'b1'", [["a": "a1", "b": "b1"]], []),
        ("a != 'a1' || b != 'b1'", [], [["a": "a1", "b": "b1"]]),
        ("! a == 'a1' || ! b == 'b1'", [], [["a": "a1", "b": "b1"]]),
    ]

    @Test(arguments: calicoTable)
    func calicoTableRow(selector text: String, matching: [[String: String]], notMatching: [[String: String]]) throws {
        let selector = try Selector(parsing: text)
        let canonical = try Selector(parsing: selector.canonical)
        for labels in matching {
            #expect(selector.matches(labels), "\(text) should match \(labels)")
            #expect(canonical.matches(labels), "canonical \(canonical) should match \(labels)")
        }
        for labels in notMatching {
            #expect(!selector.matches(labels), "\(text) should not match \(labels)")
            #expect(!canonical.matches(labels), "canonical \(canonical) should not match \(labels)")
        }
    }

    /// (selector, labels, expected): absent labels, empty values, empty operands.
    static let edgeCases: [(String, [String: String], Bool)] = [
        (#"a != "b""#, [:], true),
        (#"a not in {"b"}"#, [:], true),
        (#"a not in {}"#, [:], true),
        (#"a not in {}"#, ["a": "x"], true),
        (#"a in {}"#, ["a": ""], false),
        (#"!a == "b""#, [:], true),
        (#"a == """#, [:], false),
        (#"a == """#, ["a": ""], true),
        ("has(a)", ["a": ""], true),
        ("!has(a)", ["a": ""], false),
        (#"a contains """#, [:], false),
        (#"a contains """#, ["a": ""], true),
        (#"a contains """#, ["a": "x"], true),
        (#"a starts with """#, ["a": ""], true),
        (#"a ends with """#, ["a": "xyz"], true),
        (#"a ends with "xyz""#, ["a": "yz"], false),
        (#"a contains "abc""#, ["a": "xxabxabcx"], true),
        (#"a contains "abd""#, ["a": "xxabxabcx"], false),
        (#"a in {"b", "c"}"#, ["b": "b"], false),
        ("global()", [:], true),
        ("!all()", ["a": "b"], false),
        // Byte-exact values: precomposed é differs from e + combining acute, as in Go.
        ("a == \"\u{E9}\"", ["a": "e\u{301}"], false),
        ("a == \"\u{E9}\"", ["a": "\u{E9}"], true),
        ("a in {\"\u{E9}\"}", ["a": "e\u{301}"], false),
        ("a starts with \"e\"", ["a": "e\u{301}"], true),
        ("a starts with \"\u{E9}\"", ["a": "e\u{301}x"], false),
        ("a contains \"\u{301}\"", ["a": "e\u{301}"], true),
        ("a ends with \"\u{301}\"", ["a": "e\u{301}"], true),
    ]

    @Test(arguments: edgeCases)
    func edgeCase(selector text: String, labels: [String: String], expected: Bool) throws {
        #expect(try Selector(parsing: text).matches(labels) == expected)
    }

    @Test func largeSetsUseTheSortedLookup() throws {
        let values = (0..<40).map { "v\($0 * 3)" }
        let selector = try Selector(parsing: "a in {" + values.map { "'\($0)'" }.joined(separator: ", ") + "}")
        let negated = try Selector(parsing: "a not in {" + values.map { "'\($0)'" }.joined(separator: ", ") + "}")
        for number in 0..<120 {
            let labels = ["a": "v\(number)"]
            #expect(selector.matches(labels) == (number % 3 == 0), "v\(number)")
            #expect(negated.matches(labels) == (number % 3 != 0), "v\(number)")
        }
    }

    @Test func inheritanceOrderIsOwnThenParentsFirstHitWins() throws {
        let labels = InheritedLabels(
            own: ["a": "own", "e": ""],
            parents: [["a": "p1", "b": "p1", "e": "p1"], ["b": "p2", "c": "p2"]])
        let expectations: [(String, Bool)] = [
            (#"a == "own""#, true), (#"a == "p1""#, false),
            (#"b == "p1""#, true), (#"b == "p2""#, false),
            (#"c == "p2""#, true), ("has(d)", false), (#"d != "x""#, true),
            (#"e == """#, true), (#"e == "p1""#, false), ("has(e)", true),
            (#"(a == "own" && b == "p1" && c == "p2")"#, true),
        ]
        for (text, expected) in expectations {
            #expect(try Selector(parsing: text).matches(labels) == expected, "\(text)")
        }
        #expect(labels.flattened == ["a": "own", "b": "p1", "c": "p2", "e": ""])
    }

    @Test func inheritedAndFlattenedAgree() throws {
        let labels = InheritedLabels(own: ["x": "1"], parents: [["x": "2", "y": "2"], ["y": "3", "z": "3"]])
        let flat = labels.flattened
        for text in ["x == '1'", "y == '2'", "y == '3'", "has(z) && !has(w)", "z in {'3', '4'}", "x not in {'2'}"] {
            let selector = try Selector(parsing: text)
            #expect(selector.matches(labels) == selector.matches(flat), "\(text)")
        }
    }
}
