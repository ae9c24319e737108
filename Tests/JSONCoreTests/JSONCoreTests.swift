import Foundation
import JSONCore
import Testing

/// The one JSON module: the writer is deterministic (sorted keys, same bytes for equal
/// values), the parser takes what JSON allows and names the offset of what it refuses, and the
/// two round-trip.
@Suite struct JSONCoreTests {
    @Test func theWriterSortsKeysAndEscapes() {
        let value: JSONValue = ["b": 1, "a": ["x": "q\"\\\n\u{01}/é"], "c": [true, nil, 2.5, 3.0]]
        #expect(value.serialized() == #"{"a":{"x":"q\"\\\n\u0001/é"},"b":1,"c":[true,null,2.5,3]}"#)
        #expect(JSONValue.object(["a": 1, "b": [1]]).serialized(pretty: true) == "{\n  \"a\" : 1,\n  \"b\" : [\n    1\n  ]\n}")
        #expect(JSONValue.double(.infinity).serialized() == "null")
    }

    /// Files that JSONSerialization used to write (sorted keys, `/` unescaped; e.g. the pod
    /// status patches of `export --kubectl`) are the same bytes from the writer: every control
    /// character, quotes, backslashes, non-ASCII, nulls and booleans.
    @Test func theWriterWritesWhatJSONSerializationWrote() throws {
        var strings = ["a/b", "é", "\u{7f}", "\u{2028}", "😀", "\"\\", "<>&'", "\u{feff}", "10.0.0.1", "Pending"]
        strings += (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        for text in strings {
            let object: [String: Any] = ["status": ["z": text, "podIP": NSNull(), "a": [["ip": text]], "ok": true]]
            let value: JSONValue = ["status": ["z": .string(text), "podIP": nil, "a": [["ip": .string(text)]], "ok": true]]
            let foundation = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            #expect(value.serialized() == String(decoding: foundation, as: UTF8.self), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func equalValuesAreEqualBytesWhateverTheInsertionOrder() {
        var first: [String: JSONValue] = [:]
        var second: [String: JSONValue] = [:]
        let keys = (0..<50).map { "k\($0)" }
        for key in keys { first[key] = .string(key) }
        for key in keys.reversed() { second[key] = .string(key) }
        #expect(JSONValue.object(first).serialized() == JSONValue.object(second).serialized())
    }

    @Test func theParserReadsWhatTheWriterWrites() throws {
        let value: JSONValue = [
            "int": .int(Int64.max), "negative": -7, "double": 0.1, "exp": 1e-5, "text": "tab\there \u{1F600} \"q\"",
            "nested": [["a": []], [:]], "null": nil, "flag": false,
        ]
        #expect(try JSONValue.parse(Data(value.serialized().utf8)) == value)
        #expect(try JSONValue.parse(Data(value.serialized(pretty: true).utf8)) == value)
        #expect(try JSONParser.parse(#""\ud83d\ude00 \u00e9""#) == .string("😀 é"))
        #expect(try JSONParser.parse("12345678901234567890") == .double(12345678901234567890))
    }

    @Test func theParserRefusesWhatJSONDoesNotAllowAndSaysWhere() {
        for (text, offset) in [
            ("{\"a\":1,}", 7), ("[1 2]", 3), ("01", 0), ("\"abc", 4), ("tru", 0), ("{} x", 3), ("\"\u{01}\"", 1),
            ("1.", 2), ("-", 1), ("\"\\x\"", 3), ("1e999", 0),
        ] {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONParser.parse(text) }
            do {
                _ = try JSONParser.parse(text)
            } catch {
                #expect(error.offset == offset, "\(text): \(error)")
            }
        }
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func typedValuesGoThroughTheTree() throws {
        struct Pair: Codable, Equatable { var name: String; var count: Int }
        let tree = try JSONValue.from(Pair(name: "x", count: 3))
        #expect(tree == ["count": 3, "name": "x"])
        #expect(try tree.decode(Pair.self) == Pair(name: "x", count: 3))
    }
}
