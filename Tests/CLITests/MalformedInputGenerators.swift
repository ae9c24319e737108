import Foundation
import Gen

// Generators of malformed inputs for the file-taking commands, written with k8sfv's own Gen
// engine. Every mutation they make is one a valid file can never survive: a cut before the
// final closing brace, a byte that is not UTF-8, a value of another JSON type where a field
// has one, a field outside its documented range, a frame that runs past the end. So each
// generated file must be refused (exit 2), whatever the seed.

/// A step into a JSON document.
enum JSONStep: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// One way to break a JSON file.
enum JSONMutation: Sendable, CustomStringConvertible {
    /// Keep only the first `length` bytes (always before the last closing bracket).
    case truncate(length: Int)
    /// Insert bytes that are not UTF-8 at `offset`.
    case insertBytes(offset: Int, bytes: [UInt8])
    /// Replace the value at `path` by a JSON text of another type.
    case replace(path: [JSONStep], json: String)
    /// Replace the whole file.
    case whole(Data)

    var description: String {
        switch self {
        case .truncate(let length): return "truncate to \(length) bytes"
        case .insertBytes(let offset, let bytes): return "insert \(bytes) at \(offset)"
        case .replace(let path, let json): return "set \(path) to \(json.prefix(80))"
        case .whole(let data): return "whole file of \(data.count) bytes"
        }
    }

    /// The mutated bytes; `root` is `base` parsed (passed in so it is parsed once).
    func apply(to base: Data, root: Any? = nil) -> Data {
        switch self {
        case .truncate(let length):
            return base.prefix(length)
        case .insertBytes(let offset, let bytes):
            var data = base
            data.insert(contentsOf: bytes, at: offset)
            return data
        case .replace(let path, let json):
            let root = root ?? (try! JSONSerialization.jsonObject(with: base))
            let value = try! JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
            let edited = MalformedJSON.setting(value, at: path[...], in: root)
            var text = ""
            MalformedJSON.write(edited, into: &text)
            return Data(text.utf8)
        case .whole(let data):
            return data
        }
    }
}

enum MalformedJSON {
    /// Bytes that can never appear in UTF-8, or sequences that are not UTF-8.
    static let notUTF8: [[UInt8]] = [[0xFF], [0xFE], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82]]

    /// A JSON text of each kind; `replacement(for:)` picks one of a kind the value is not.
    static let kinds: [(name: String, json: String)] = [
        ("string", #""x""#), ("number", "7"), ("bool", "true"), ("array", "[]"), ("object", "{}"),
    ]

    static func kind(of value: Any) -> String {
        switch value {
        case is [String: Any]: return "object"
        case is [Any]: return "array"
        case is String: return "string"
        case let number as NSNumber: return String(cString: number.objCType) == "c" ? "bool" : "number"
        default: return "null"
        }
    }

    /// Every path to a non-null value in `value` (the root excluded), depth first, sorted keys.
    static func paths(in value: Any, prefix: [JSONStep] = [], excluding: (String) -> Bool = { _ in false }) -> [([JSONStep], String)] {
        var result: [([JSONStep], String)] = []
        switch value {
        case let object as [String: Any]:
            for key in object.keys.sorted() where !excluding(key) {
                let child = object[key]!
                let path = prefix + [.key(key)]
                if kind(of: child) != "null" { result.append((path, kind(of: child))) }
                result += paths(in: child, prefix: path, excluding: excluding)
            }
        case let array as [Any]:
            for (index, child) in array.enumerated() {
                let path = prefix + [.index(index)]
                if kind(of: child) != "null" { result.append((path, kind(of: child))) }
                result += paths(in: child, prefix: path, excluding: excluding)
            }
        default:
            break
        }
        return result
    }

    /// Sorted-key JSON text of a parsed value (Foundation's writer sorts AnyHashable keys,
    /// which is slow enough to matter over thousands of cases).
    static func write(_ value: Any, into text: inout String) {
        switch value {
        case let object as [String: Any]:
            text += "{"
            for (position, key) in object.keys.sorted().enumerated() {
                if position > 0 { text += "," }
                writeString(key, into: &text)
                text += ":"
                write(object[key]!, into: &text)
            }
            text += "}"
        case let array as [Any]:
            text += "["
            for (position, element) in array.enumerated() {
                if position > 0 { text += "," }
                write(element, into: &text)
            }
            text += "]"
        case let string as String:
            writeString(string, into: &text)
        case let number as NSNumber:
            text += kind(of: number) == "bool" ? (number.boolValue ? "true" : "false") : number.stringValue
        default:
            text += "null"
        }
    }

    static func writeString(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20: text += String(format: "\\u%04x", scalar.value)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    static func setting(_ value: Any, at path: ArraySlice<JSONStep>, in root: Any) -> Any {
        guard let step = path.first else { return value }
        switch step {
        case .key(let key):
            var object = root as! [String: Any]
            object[key] = setting(value, at: path.dropFirst(), in: object[key] ?? [String: Any]())
            return object
        case .index(let index):
            var array = root as! [Any]
            array[index] = setting(value, at: path.dropFirst(), in: array[index])
            return array
        }
    }

    /// Mutations every JSON input must refuse: cuts, bad bytes, other-typed values, and
    /// whole files that are not the expected object. `fields` adds the input's own
    /// out-of-range values (path, JSON text).
    static func mutation(of base: Data, fields: Gen<([JSONStep], String)>?, excludingKeys: Set<String> = []) -> Gen<JSONMutation> {
        let root = try! JSONSerialization.jsonObject(with: base)
        let typed = paths(in: root, excluding: { excludingKeys.contains($0) })
        let lastClose = base.lastIndex(of: UInt8(ascii: "}")).map { $0 - base.startIndex } ?? base.count
        let truncate = Gen<Int>.int(in: 0...(lastClose - 1)).map { JSONMutation.truncate(length: $0) }
        let insert = Gen.zip(Gen<Int>.int(in: 0...base.count), Gen.element(of: notUTF8))
            .map { JSONMutation.insertBytes(offset: $0.0, bytes: $0.1) }
        let retype = Gen.zip(Gen<Int>.int(in: 0...(typed.count - 1)), Gen<Int>.int(in: 0...3)).map { choice -> JSONMutation in
            let (path, kind) = typed[choice.0]
            let others = kinds.filter { $0.name != kind }
            return .replace(path: path, json: others[choice.1].json)
        }
        let whole = Gen<JSONMutation>.oneOf(
            Gen.element(of: ["", "[]", "\"text\"", "42", "null", "true", "{", "{}x", "1e999", "[1e400]"]).map { .whole(Data($0.utf8)) },
            Gen<Int>.int(in: 1...20_000).map { depth in .whole(Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)) },
            Gen<Int>.int(in: 1...20_000).map { depth in .whole(Data((String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)).utf8)) })
        var choices: [(weight: Int, generator: Gen<JSONMutation>)] = [(3, truncate), (2, insert), (4, retype), (1, whole)]
        if let fields { choices.append((4, fields.map { .replace(path: $0.0, json: $0.1) })) }
        return Gen.frequency(choices)
    }
}

/// Mutations of a framed ToDataplane stream that a decoder must refuse: a cut inside a
/// frame, a length past the end, a payload that is not a ToDataplane message.
enum MalformedFrames {
    static let badPayloads: [[UInt8]] = [
        [0x0F],  // field 1, wire type 7: no such wire type
        [0x0E, 0x00],  // wire type 6
        [0x08] + Array(repeating: 0xFF, count: 10) + [0x01],  // a varint longer than 10 bytes
        [0x0A, 0x7F, 0x01],  // a length-delimited field running past the end
        [0x09, 0x01, 0x02],  // a fixed64 cut short
        [0x08],  // a tag with no value
    ]

    static func frame(_ payload: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: UInt64(payload.count).littleEndian, Array.init) + payload
    }

    /// The byte offsets where frames start (and the end).
    static func boundaries(_ stream: [UInt8]) -> [Int] {
        var offsets = [0]
        var at = 0
        while at + 8 <= stream.count {
            let length = stream[at..<(at + 8)].reversed().reduce(0) { $0 << 8 | Int($1) }
            at += 8 + length
            offsets.append(at)
        }
        return offsets
    }

    static func mutation(of stream: [UInt8]) -> Gen<[UInt8]> {
        let starts = boundaries(stream)
        let cuts = (1..<stream.count).filter { !starts.contains($0) }
        let cut = Gen.element(of: cuts).map { Array(stream.prefix($0)) }
        let overlong = Gen.zip(Gen<Int>.int(in: 0...(starts.count - 2)), Gen<Int>.int(in: 1...62)).map { choice -> [UInt8] in
            let (frame, shift) = choice
            var bytes = stream
            let start = starts[frame]
            let remaining = UInt64(stream.count - start - 8)
            let length = max(remaining + 1, UInt64(1) << UInt64(shift))
            bytes.replaceSubrange(start..<(start + 8), with: withUnsafeBytes(of: length.littleEndian, Array.init))
            return bytes
        }
        let garbage = Gen.zip(Gen<Int>.int(in: 0...(starts.count - 1)), Gen.element(of: badPayloads)).map { choice -> [UInt8] in
            var bytes = stream
            bytes.insert(contentsOf: frame(choice.1), at: starts[choice.0])
            return bytes
        }
        let maximal = Gen<[UInt8]>.constant(Array(repeating: 0xFF, count: 8))
        return Gen.frequency((3, cut), (3, overlong), (3, garbage), (1, maximal))
    }
}
