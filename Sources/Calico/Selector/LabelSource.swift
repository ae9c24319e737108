// Where a selector reads labels from: a plain map, or an endpoint's own labels with its
// profiles' labels inherited behind them.
// Source: projectcalico/calico:felix/labelindex/label_inheritance_index.go (own labels win, then
// each parent in the endpoint's profile order; first hit wins).

/// Anything a selector can read labels from. `nil` means the label is absent.
public protocol LabelSource {
    func labelValue(_ key: String) -> String?
}

extension Dictionary: LabelSource where Key == String, Value == String {
    @inlinable
    public func labelValue(_ key: String) -> String? { self[key] }
}

/// An endpoint's labels: its own first, then each parent's (profile's) labels in order.
/// The first map that has the key decides; an own label with value "" still counts as present.
public struct InheritedLabels: LabelSource, Hashable, Sendable {
    public var own: [String: String]
    public var parents: [[String: String]]

    public init(own: [String: String], parents: [[String: String]]) {
        self.own = own
        self.parents = parents
    }

    @inlinable
    public func labelValue(_ key: String) -> String? {
        if let value = own[key] { return value }
        for parent in parents {
            if let value = parent[key] { return value }
        }
        return nil
    }

    /// The effective map (own over parents), for display and JSON.
    public var flattened: [String: String] {
        var result: [String: String] = [:]
        for parent in parents.reversed() { result.merge(parent) { _, later in later } }
        result.merge(own) { _, mine in mine }
        return result
    }
}
