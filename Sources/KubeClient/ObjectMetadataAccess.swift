// Reading and writing the `metadata` fields every Kubernetes object has, on a JSON tree.
// Takes: an object tree. Gives: name, namespace, resourceVersion, uid and labels. Cost: O(1)
// per access apart from copying the labels map.

extension JSONValue {
    public var metadataName: String? { self["metadata"]?["name"]?.stringValue }
    public var metadataNamespace: String? { self["metadata"]?["namespace"]?.stringValue }
    public var resourceVersion: String? { self["metadata"]?["resourceVersion"]?.stringValue }
    public var uid: String? { self["metadata"]?["uid"]?.stringValue }

    /// The object's labels; an absent map reads as empty.
    public var labels: [String: String] {
        guard let map = self["metadata"]?["labels"]?.objectValue else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in map { if let s = v.stringValue { out[k] = s } }
        return out
    }

    /// A copy with one label set (or removed when `value` is nil).
    public func settingLabel(_ key: String, to value: String?) -> JSONValue {
        var copy = self
        var meta = copy["metadata"] ?? .object([:])
        var labels = meta["labels"]?.objectValue ?? [:]
        labels[key] = value.map { .string($0) }
        meta["labels"] = .object(labels)
        copy["metadata"] = meta
        return copy
    }

    /// A copy with `metadata.resourceVersion` set (or removed when nil).
    public func settingResourceVersion(_ rv: String?) -> JSONValue {
        var copy = self
        var meta = copy["metadata"] ?? .object([:])
        meta["resourceVersion"] = rv.map { .string($0) }
        copy["metadata"] = meta
        return copy
    }

    /// "namespace/name" (or just "name" when cluster-scoped): the cache key of an object.
    public var objectKey: String {
        let name = metadataName ?? ""
        if let ns = metadataNamespace, !ns.isEmpty { return "\(ns)/\(name)" }
        return name
    }
}
