@testable import Calico
import Foundation
import Testing

// The Calico module reads and writes JSON through JSONCore; before, it used JSONSerialization.
// A rule difference's text ends up in failure details (and in reproducer files), and whether a
// pod's annotation parses decides whether Felix sees the pod, so both must come out exactly as
// they did. Each test keeps the JSONSerialization version as the reference and compares it on
// inputs chosen to trip a JSON writer or reader: slashes, quotes, backslashes, control
// characters, non-ASCII, surrogates, nulls, numbers, nesting and malformed text.
// Three inputs read differently, each now as Calico itself (Go's encoding/json) reads them, and
// each checked below: Foundation on Linux drops a U+FEFF that starts a string value, accepts a
// trailing comma (`["a",]`) and skips a byte-order mark before the document. The generator never
// writes such text (it writes neither annotation, and selectors never start with U+FEFF), so no
// saved reproducer changes.

@Suite struct CalicoJSONBytesTests {
    /// Strings that a writer might escape differently.
    static let trickyStrings: [String] = {
        var strings = ["", "a/b", "/", "é", "\u{7f}", "\u{2028}", "😀", "\"\\", "<>&'", "x\u{feff}", "k8s-app == 'x/y'",
                       "has(a) && !has(b)", "all()", "10.0.0.0/8"]
        strings += (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        return strings
    }()

    /// The field texts as JSONSerialization wrote them (the code this replaced).
    static func referenceFields<T: Encodable>(_ value: T) -> [String: String] {
        guard let data = try? KubeJSON.encode(value),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        var fields: [String: String] = [:]
        for (key, field) in object {
            let text = (try? JSONSerialization.data(withJSONObject: field, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]))
                .map { String(decoding: $0, as: UTF8.self) }
            fields[key] = text ?? "\(field)"
        }
        return fields
    }

    /// A rule that uses every field with nested objects or strings, filled from `text`.
    static func rule(_ text: String, _ number: Int) -> Rule {
        var rule = Rule(action: text.isEmpty ? "allow" : text)
        rule.ipVersion = number.isMultiple(of: 2) ? .ipv4 : .ipv6
        rule.protocol = number.isMultiple(of: 3) ? .number(number) : .name(text)
        rule.notProtocol = .name("UDP\(text)")
        rule.srcNet = [text, "10.0.0.\(number)/32"]
        rule.srcPorts = [PortRange(number), PortRange(first: 1000, last: 1000 + number)]
        rule.notDstPorts = [PortRange(first: 0, last: 65535)]
        rule.dstIPSetIDs = ["s:\(text)"]
        rule.originalSrcSelector = "a == '\(text)'"
        rule.originalDstNamespaceSelector = text
        rule.icmp = ICMPMatch(type: number, code: number.isMultiple(of: 2) ? nil : number)
        rule.notICMP = ICMPMatch(type: 8, code: 0)
        rule.srcServiceAccountMatch = ServiceAccountMatch(selector: text, names: [text, "default"])
        rule.dstServiceAccountMatch = number.isMultiple(of: 2) ? nil : ServiceAccountMatch()
        return rule
    }

    @Test func ruleFieldsReadAsTheyDidWithJSONSerialization() {
        let strings = Self.trickyStrings
        var compared = 0
        for (index, text) in strings.enumerated() {
            let expected = Self.rule(text, index)
            let other = strings[(index + 1) % strings.count]
            for rule in [expected, Self.rule(other, index + 1), Rule(), Self.rule(text, index + 7)] {
                let fields = DataplaneState.jsonFields(rule)
                #expect(fields.count > 5)
                #expect(fields == Self.referenceFields(rule), "\(text.unicodeScalars.map(\.value))")
                compared += 1
            }
            // The difference text is built from these fields alone.
            #expect(DataplaneState.fieldDifferences(expected, Rule()).contains("originalSrcSelector: expected \(Self.referenceFields(expected)["originalSrcSelector"]!)"))
        }
        #expect(compared == strings.count * 4)
    }

    /// A string value that starts with U+FEFF keeps it, as Felix (Go) would print it; the
    /// JSONSerialization route lost it.
    @Test func aLeadingByteOrderMarkInAStringIsKept() {
        let rule = Self.rule("\u{feff}", 1)
        #expect(DataplaneState.jsonFields(rule)["action"] == "\"\u{feff}\"")
        #expect(Self.referenceFields(rule)["action"] == "\"\"")
    }

    /// The annotation reader as it was (JSONSerialization, fragments allowed, null as empty).
    static func referenceList(_ text: String) -> [String]? {
        guard let data = text.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return nil }
        if value is NSNull { return [] }
        return value as? [String]
    }

    @Test func annotationListsParseAsTheyDidWithJSONSerialization() throws {
        var texts = [
            #"["10.0.0.1/32"]"#, "[]", "null", " null ", "\t[ ]\n", #""10.0.0.1""#, "[1]", #"["a", null]"#, #"["a", 1]"#,
            #"[["a"]]"#, "{}", #"{"a": "b"}"#, "", " ", "[", "]", #"["a" "b"]"#, #"["a"] x"#, "true", "0", "-0",
            "1e999", "[1e999]", "01", "[01]", "NaN", #"["\u00e9", "\ud83d\ude00"]"#, #"["\/", "a\/b"]"#, #"["a\nb", "\t"]"#,
            #"["\x"]"#, "[\"\u{01}\"]", #"["é"]"#, "[\"a\"]\u{0}", #"[  "a" ,  "b"  ]"#, "nul", "[null]", #"["\ud800"]"#, #"["\udc00 x"]"#, #"["\ud83d\u0041"]"#,
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ]
        texts += try Self.trickyStrings.map { String(decoding: try JSONSerialization.data(withJSONObject: [$0]), as: UTF8.self) }
        for text in texts {
            #expect(PodConversion.jsonStringList(text) == Self.referenceList(text), "\(text.unicodeScalars.prefix(40).map(\.value))")
        }
        // Where JSONSerialization was laxer than Calico's Go: refused, as `json.Unmarshal` does.
        #expect(Self.referenceList(#"["a",]"#) == ["a"])
        #expect(PodConversion.jsonStringList(#"["a",]"#) == nil)
        #expect(Self.referenceList("\u{feff}[]") == [])
        #expect(PodConversion.jsonStringList("\u{feff}[]") == nil)
        #expect(PodConversion.jsonStringList("[\"\u{feff}\"]") == ["\u{feff}"])
        #expect(PodConversion.jsonStringList(#"["10.0.0.1/32", "a/b"]"#) == ["10.0.0.1/32", "a/b"])
        #expect(PodConversion.jsonStringList("[1]") == nil)
    }
}
