// The stand-in handles objects as JSONCore's `JSONValue`, the one JSON type the client and the
// CLI use too; the stand-in depends on JSONCore alone, so it stays independent of the client.
// What it adds here: RFC 7386 merge patch and the metadata fields its handlers read.
import Foundation
@_exported import JSONCore

/// The stand-in's name for a JSON value.
typealias JSON = JSONValue

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
