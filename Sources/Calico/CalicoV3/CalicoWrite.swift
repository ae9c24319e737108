// One write of a Calico resource, as the in-process model and a snapshot take it: put replaces
// (or creates) the resource under its key, delete removes it. Kept apart from the Kubernetes
// `Write`, whose encoded form is part of every scenario and reproducer file: scenarios do not
// write Calico resources, so adding them to `Write` would only risk those bytes.

/// A put or delete of one Calico resource.
public enum CalicoWrite: Hashable, Sendable {
    case put(V3Resource)
    case delete(V3ResourceKey)

    /// The key the write touches.
    public var key: V3ResourceKey {
        switch self {
        case .put(let resource): return resource.key
        case .delete(let key): return key
        }
    }
}

extension ClusterSnapshot {
    /// Applies one Calico write to `calicoResources`.
    public mutating func apply(_ write: CalicoWrite) {
        switch write {
        case .put(let resource): calicoResources[resource.key] = resource
        case .delete(let key): calicoResources[key] = nil
        }
    }

    /// A copy with one Calico write applied.
    public func applying(_ write: CalicoWrite) -> ClusterSnapshot {
        var copy = self
        copy.apply(write)
        return copy
    }
}
