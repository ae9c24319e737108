// The stand-in's own JSON tree (the module depends on Foundation only, so it cannot share
// the client's type). Takes: JSON bytes. Gives: an editable value that encodes with sorted
// keys, plus RFC 7386 merge patch. Cost: linear in the size of the value.
import Foundation

/// One JSON value. Kubernetes objects are handled as these trees, so the client needs no
/// knowledge of the Calico types; callers that want typed objects use the `Codable` helpers.
enum JSON: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Parses JSON bytes; the error says what was wrong.
    static func parse(_ data: Data) throws -> JSON {
        do { return try JSONDecoder().decode(JSON.self, from: data) }
        catch { throw error }
    }

    /// Sorted-key JSON bytes.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    /// Decodes a typed value from this tree.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do { return try JSONDecoder().decode(type, from: encoded()) }
        catch { throw error }
    }

    /// Builds a tree from any encodable value.
    static func from<T: Encodable>(_ value: T) throws -> JSON {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try parse(try encoder.encode(value))
    }

    subscript(key: String) -> JSON? {
        get { if case .object(let o) = self { return o[key] } else { return nil } }
        set {
            var o: [String: JSON]
            if case .object(let existing) = self { o = existing } else { o = [:] }
            o[key] = newValue
            self = .object(o)
        }
    }

    var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d == d.rounded(): return Int64(exactly: d)
        default: return nil
        }
    }
    /// A boolean, also from the strings "true"/"false" (YAML plain scalars arrive as strings).
    var boolValue: Bool? {
        switch self {
        case .bool(let b): return b
        case .string("true"): return true
        case .string("false"): return false
        default: return nil
        }
    }
    var arrayValue: [JSON]? { if case .array(let a) = self { return a } else { return nil } }
    var objectValue: [String: JSON]? { if case .object(let o) = self { return o } else { return nil } }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(floatLiteral value: Double) { self = .double(value) }
    init(arrayLiteral elements: JSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    init(nilLiteral: ()) { self = .null }
}

extension JSON: CustomStringConvertible {
    var description: String { String(decoding: encoded(), as: UTF8.self) }
}

extension JSON {
    /// RFC 7386 JSON merge patch: objects merge key by key, `null` deletes a key, anything
    /// else (lists included) replaces the target.
    func mergePatched(with patch: JSON) -> JSON {
        guard case .object(let patchMap) = patch else { return patch }
        var target: [String: JSON] = objectValue ?? [:]
        for (key, value) in patchMap {
            if case .null = value {
                target.removeValue(forKey: key)
            } else {
                target[key] = (target[key] ?? .null).mergePatched(with: value)
            }
        }
        return .object(target)
    }

    var metadata: JSON { self["metadata"] ?? .object([:]) }
    var name: String? { self["metadata"]?["name"]?.stringValue }
    var namespace: String? { self["metadata"]?["namespace"]?.stringValue }
    var resourceVersion: String? { self["metadata"]?["resourceVersion"]?.stringValue }
    var uid: String? { self["metadata"]?["uid"]?.stringValue }
    var labels: [String: String] {
        var out: [String: String] = [:]
        for (k, v) in self["metadata"]?["labels"]?.objectValue ?? [:] { if let s = v.stringValue { out[k] = s } }
        return out
    }

    /// Sets one metadata field.
    mutating func setMeta(_ key: String, _ value: JSON?) {
        var meta = metadata
        meta[key] = value
        self["metadata"] = meta
    }
}
