import Foundation
import Testing
@testable import Calico

/// Label prefixing (Calico's `PrefixVisitor` vectors from parser_test.go), label keys, building
/// from an AST, equality and JSON.
@Suite struct SelectorTransformTests {
    static let visitorCases: [(String, String)] = [
        ("k == 'v'", #"visited/k == "v""#),
        ("k != 'v'", #"visited/k != "v""#),
        ("k contains 'v'", #"visited/k contains "v""#),
        ("k starts with 'v'", #"visited/k starts with "v""#),
        ("k ends with 'v'", #"visited/k ends with "v""#),
        ("k == 'v' && x == 'y'", #"(visited/k == "v" && visited/x == "y")"#),
        ("k == 'v' || has(x)", #"(visited/k == "v" || has(visited/x))"#),
        ("!(k == 'v')", #"!visited/k == "v""#),
        ("k in {'v'}", #"visited/k in {"v"}"#),
        ("k not in {'v'}", #"visited/k not in {"v"}"#),
        ("all()", "all()"),
        (
            "!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))",
            #"!(!((visited/k == "v" && has(visited/t)) || all()) && visited/a in {"b", "c"})"#
        ),
    ]

    @Test(arguments: visitorCases)
    func prefixingRecomputesTextAndID(input: String, expected: String) throws {
        let selector = try Selector(parsing: input)
        let prefixed = selector.prefixingLabels("visited/")
        #expect(prefixed.canonical == expected)
        #expect(prefixed.uniqueID == UniqueID.make(prefix: "s", content: expected))
        if input != "all()" { #expect(prefixed.uniqueID != selector.uniqueID) }
    }

    @Test func prefixedSelectorReadsPrefixedLabels() throws {
        let selector = try Selector(parsing: "team == 'a' && !has(old)").prefixingLabels("pcns.")
        #expect(selector.labelKeys == ["pcns.team", "pcns.old"])
        #expect(selector.matches(["pcns.team": "a"]))
        #expect(!selector.matches(["team": "a"]))
        #expect(!selector.matches(["pcns.team": "a", "pcns.old": ""]))
    }

    @Test func labelKeysCoverEveryOperator() throws {
        let selector = try Selector(parsing:
            "a == 'x' || b != 'x' || c contains 'x' || d starts with 'x' || e ends with 'x' || f in {} || g not in {} || has(h) || !(i == 'x' && all())")
        #expect(selector.labelKeys == Set(["a", "b", "c", "d", "e", "f", "g", "h", "i"]))
        #expect(Selector.all.labelKeys.isEmpty)
    }

    @Test func buildingFromAnASTNormalisesSets() {
        let built = Selector(.and([.isIn(label: "a", values: ["z", "a", "z"]), .has(label: "b")]))
        #expect(built.canonical == #"(a in {"a", "z"} && has(b))"#)
        #expect(Selector(.and([])) == Selector.all)
        #expect(Selector(.or([])).canonical == "!all()")
        #expect(!Selector(.or([])).matches([String: String]()))
    }

    @Test func allIsTheEmptySelector() throws {
        #expect(Selector.all.canonical == "all()")
        #expect(Selector.all.uniqueID == "s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug")
        #expect(try Selector(parsing: "") == Selector.all)
    }

    @Test func jsonIsTheCanonicalText() throws {
        let selector = try Selector(parsing: "b in {'y','x'} && has(a)")
        let data = try KubeJSON.encode([selector])
        #expect(String(decoding: data, as: UTF8.self) == #"["(b in {\"x\", \"y\"} && has(a))"]"#)
        #expect(try KubeJSON.decode([Selector].self, from: data) == [selector])
        #expect(throws: DecodingError.self) { try KubeJSON.decode([Selector].self, from: Data(#"["a ="]"#.utf8)) }
    }

    @Test func orderingIsByCanonicalBytes() throws {
        let texts = ["has(b)", "a == 'x'", "all()", "(a == 'x' && has(b))"]
        let sorted = try texts.map { try Selector(parsing: $0) }.sorted().map(\.canonical)
        #expect(sorted == [#"(a == "x" && has(b))"#, #"a == "x""#, "all()", "has(b)"])
    }
}

@Suite struct SelectorNormaliseTests {
    @Test(arguments: [
        ("", "all()"),
        ("\n\t ", "all()"),
        ("\n a == 'b' \r\n", #"a == "b""#),
        ("a=='b'&&has(c)", #"(a == "b" && has(c))"#),
        ("  a = 'b'\n", "a = 'b'"),
        ("!!(x == 'y')", #"x == "y""#),
    ])
    func normalise(input: String, expected: String) {
        #expect(Selector.normalise(input) == expected)
    }

    @Test func noMatchMatchesNothing() {
        #expect(Selector.noMatch.canonical == "!all()")
        #expect(!Selector.noMatch.matches([String: String]()))
        #expect(!Selector.noMatch.matches(["a": "b"]))
    }
}
