import Calico
import Testing

@testable import Gen

/// Random selectors in Calico's whole language: every operator appears, the canonical text
/// parses back to the same selector, and they match the vocabulary's labels often.
@Suite struct CalicoSelectorGeneratorTests {
    static func selectors(count: Int, seed: UInt64, allowGlobal: Bool = true) throws -> [SelectorExpression] {
        try (0..<count).map { index in
            let source = ChoiceSource(seed: SplitMix64.derive(seed: seed, stream: UInt64(index)))
            return try CalicoSelectorGenerator.selector(Draw(backend: source), .pods, allowGlobal: allowGlobal)
        }
    }

    /// The operator names an expression uses, in Calico's spelling.
    static func operators(_ e: SelectorExpression, into names: inout Set<String>) {
        switch e {
        case .all: names.insert("all()")
        case .global: names.insert("global()")
        case .has: names.insert("has()")
        case .equals: names.insert("==")
        case .notEquals: names.insert("!=")
        case .contains: names.insert("contains")
        case .startsWith: names.insert("starts with")
        case .endsWith: names.insert("ends with")
        case .isIn: names.insert("in")
        case .notIn: names.insert("not in")
        case .not(let operand):
            if case .has = operand { names.insert("!has()") } else { names.insert("!") }
            operators(operand, into: &names)
        case .and(let operands): names.insert("&&"); operands.forEach { operators($0, into: &names) }
        case .or(let operands): names.insert("||"); operands.forEach { operators($0, into: &names) }
        }
    }

    @Test func everyOperatorAppearsIn1000Selectors() throws {
        var names: Set<String> = []
        var prefixed = 0
        for selector in try Self.selectors(count: 1000, seed: 11) {
            Self.operators(selector, into: &names)
            if Selector(selector).labelKeys.contains(where: { $0.contains("/") || $0.hasPrefix("pcns.") || $0.hasPrefix("pcsa.") }) {
                prefixed += 1
            }
        }
        let expected: Set<String> = [
            "all()", "global()", "has()", "!has()", "==", "!=", "contains", "starts with", "ends with", "in", "not in",
            "!", "&&", "||",
        ]
        #expect(expected.subtracting(names).isEmpty, "never generated: \(expected.subtracting(names).sorted())")
        #expect(prefixed > 20, "selectors with prefixed keys: \(prefixed)")
    }

    @Test func canonicalTextParsesBackToTheSameSelector() throws {
        for expression in try Self.selectors(count: 1000, seed: 12) {
            let selector = Selector(expression)
            let parsed = try Selector(parsing: selector.canonical)
            #expect(parsed.canonical == selector.canonical)
            #expect(parsed.uniqueID == selector.uniqueID)
        }
    }

    @Test func globalOnlyWhenAllowed() throws {
        var names: Set<String> = []
        for selector in try Self.selectors(count: 500, seed: 13, allowGlobal: false) { Self.operators(selector, into: &names) }
        #expect(!names.contains("global()"))
    }

    @Test func selectorsMatchTheVocabularysPodsOften() throws {
        // Every pod label combination of the seed scenario's vocabulary, a sample of them.
        var pods: [[String: String]] = []
        for role in Vocabulary.roles { for ha in Vocabulary.haValues { pods.append(["role": role, "ha": ha, "instance": "instance1"]) } }
        let selectors = try Self.selectors(count: 500, seed: 14, allowGlobal: false).map(Selector.init)
        let matchingSome = selectors.filter { s in pods.contains { s.matches($0) } }.count
        let matchingAll = selectors.filter { s in pods.allSatisfy { s.matches($0) } }.count
        #expect(matchingSome > 200, "selectors matching at least one pod: \(matchingSome) of 500")
        #expect(matchingAll < 400, "selectors matching every pod: \(matchingAll) of 500")
    }

    @Test func theSimplestChoicesGiveAllAndThenEquals() throws {
        let zero = try CalicoSelectorGenerator.selector(Draw(backend: ChoiceSource(replaying: ChoiceSequence([]))), .pods)
        #expect(zero == .all)
        // The first choice past all()'s weight is an == leaf.
        let next = UInt64(CalicoSelectorGenerator.weights[0])
        let one = try CalicoSelectorGenerator.selector(Draw(backend: ChoiceSource(replaying: ChoiceSequence([next]))), .pods)
        guard case .equals = one else {
            Issue.record("the next choice should be an == leaf, got \(Selector(one).canonical)")
            return
        }
    }

    @Test func sameSeedSameSelectors() throws {
        let a = try Self.selectors(count: 50, seed: 15).map { Selector($0).canonical }
        let b = try Self.selectors(count: 50, seed: 15).map { Selector($0).canonical }
        #expect(a == b)
    }
}
