import Gen
import Testing
@testable import Calico

/// The cheap conversion primitives of issue 15 against the slow definitions they replace.
@Suite struct ConversionPrimitiveTests {
    /// Calico's definition: expand every range into its numbers, sort, coalesce runs.
    static func expandedReference(_ ports: [CalicoPort]) -> [CalicoPort] {
        var named: [CalicoPort] = []
        var numbers: [Int] = []
        for port in ports {
            switch port {
            case .named: named.append(port)
            case .range(let low, let high): numbers.append(contentsOf: low...high)
            }
        }
        guard ports.count > 1, numbers.count > 1 else { return ports }
        numbers.sort()
        var output = named
        var index = 0
        while index < numbers.count {
            let first = numbers[index]
            var last = first
            index += 1
            while index < numbers.count, numbers[index] <= last + 1 { last = numbers[index]; index += 1 }
            output.append(.range(min: first, max: last))
        }
        return output
    }

    @Test func mergingSortedRangesEqualsExpandingThem() {
        var rng = SplitMix64(seed: 15)  // seeded: the same cases on every run
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...6, using: &rng)
            let ports: [CalicoPort] = (0..<count).map { _ in
                if Int.random(in: 0...5, using: &rng) == 0 { return .named(["http", "dns"].randomElement(using: &rng)!) }
                let low = Int.random(in: 1...40, using: &rng)
                return .range(min: low, max: low + Int.random(in: 0...6, using: &rng))
            }
            #expect(PortSimplification.simplify(ports) == Self.expandedReference(ports), "\(ports)")
        }
        #expect(PortSimplification.simplify(nil) == nil)
        #expect(PortSimplification.simplify([.single(80), .named("x")]) == [.single(80), .named("x")])
        #expect(PortSimplification.simplify([.range(min: 10, max: 12), .single(13), .single(11)]) == [.range(min: 10, max: 13)])
    }

    @Test func byteReplacementIsGoStringsReplace() {
        #expect(ByteString.replacing("all() && all()", "all()", with: "has(x)") == "has(x) && has(x)")
        #expect(ByteString.replacing("aaa", "aa", with: "b") == "ba")
        #expect(ByteString.replacing("nothing", "all()", with: "x") == "nothing")
        #expect(ByteString.replacing("all()", "all()", with: "") == "")
        #expect(ByteString.replacing("é all()", "all()", with: "ü") == "é ü")
        // Bytes, not canonical equivalence: a decomposed "é" does not match a precomposed one.
        #expect(ByteString.replacing("e\u{301}", "\u{e9}", with: "x") == "e\u{301}")
    }

    @Test func rememberedSelectorsTellSpellingsApart() throws {
        // "é" precomposed and decomposed are == as Swift strings but different selectors to Calico.
        let composed = try Selector(parsing: "a == '\u{e9}'")
        let decomposed = try Selector(parsing: "a == 'e\u{301}'")
        #expect(composed.uniqueID != decomposed.uniqueID)
        #expect(try Selector(parsing: "a == '\u{e9}'").uniqueID == composed.uniqueID)
        #expect(ExactText("\u{e9}") != ExactText("e\u{301}"))
        #expect(ExactText("abc") == ExactText("abc"))
        #expect(throws: SelectorParseError.self) { try Selector(parsing: "a ==") }
        #expect(throws: SelectorParseError.self) { try Selector(parsing: "a ==") }
    }

    @Test func podsDifferingOnlyInUnicodeSpellingConvertApart() {
        func pod(_ value: String) -> Pod {
            Pod(metadata: ObjectMeta(name: "p", namespace: "ns", labels: ["k": value]),
                spec: PodSpec(nodeName: "host-0", containers: [Container(name: "c")]),
                status: PodStatus(phase: "Running", podIP: "10.0.0.1"))
        }
        let composed = PodConversion.endpoint(for: pod("\u{e9}"))
        let decomposed = PodConversion.endpoint(for: pod("e\u{301}"))
        #expect(composed?.labels["k"].map { Array($0.utf8) } == Array("\u{e9}".utf8))
        #expect(decomposed?.labels["k"].map { Array($0.utf8) } == Array("e\u{301}".utf8))
        #expect(ObjectFingerprint(pod("e\u{301}")).isASCII == false)
        #expect(ObjectFingerprint(pod("x")).isASCII)
        #expect(ObjectFingerprint(pod("x")).fingerprint != ObjectFingerprint(pod("y")).fingerprint)
    }
}
