import Testing
@testable import Calico

/// Calico's own canonicalisation vectors (parser_test.go `canonicalisationTests`).
@Suite struct SelectorCoreTests {
    @Test(arguments: [
        ("", "all()", "s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug"),
        (" all() ", "all()", "s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug"),
        (" (all() )", "all()", "s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug"),
        ("! (has( b)||! has(a ))", "!(has(b) || !has(a))", "s:Iss0uCleLYv1GSv_pNm7hAO58kE9jAx1NKyG3Q"),
        ("! (a == \"b\"&&! c != \"d\")", "!(a == \"b\" && !c != \"d\")", "s:lh3haoY1ikTRkd4UZu0nWSaIBknYLPJLX16d-w"),
    ])
    func calicoVectorsWithIDs(input: String, canonical: String, id: String) throws {
        let selector = try Selector(parsing: input)
        #expect(selector.canonical == canonical)
        #expect(selector.uniqueID == id)
        let again = try Selector(parsing: selector.canonical)
        #expect(again.canonical == canonical)
        #expect(again == selector)
    }

    @Test(arguments: [
        (#"a == "'""#, #"a == "'""#),
        (#"a == '"'"#, #"a == '"'"#),
        (#"a contains '"'"#, #"a contains '"'"#),
        (#"a contains "'""#, #"a contains "'""#),
        (#"a startswith '"'"#, #"a starts with '"'"#),
        (#"a endswith "'""#, #"a ends with "'""#),
        (#"a!='"'"#, #"a != '"'"#),
        (#"a in {"d"}"#, #"a in {"d"}"#),
        (#"a in {"a", "b"}"#, #"a in {"a", "b"}"#),
        (#"a in {"d", "a", "b"}"#, #"a in {"a", "b", "d"}"#),
        (#"a in {"z", "x", "y", "a"}"#, #"a in {"a", "x", "y", "z"}"#),
        (#"a in {"z", "z", "x", "y", "x", "a"}"#, #"a in {"a", "x", "y", "z"}"#),
    ])
    func calicoCanonicalisation(input: String, canonical: String) throws {
        let selector = try Selector(parsing: input)
        #expect(selector.canonical == canonical)
        #expect(try Selector(parsing: canonical).uniqueID == selector.uniqueID)
    }
}
