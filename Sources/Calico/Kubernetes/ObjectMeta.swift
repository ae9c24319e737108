// Kubernetes object metadata, as the API server serialises it (`metadata` in every object).
// Only the fields k8sfv reads or writes are modelled; unknown fields are ignored on decode.
// Source: kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (ObjectMeta).

/// The `metadata` block shared by every Kubernetes object.
public struct ObjectMeta: Codable, Hashable, Sendable {
    public var name: String
    /// Empty for cluster-scoped objects (Namespace, Node).
    public var namespace: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var uid: String?
    public var resourceVersion: String?
    public var creationTimestamp: String?
    /// Set when a graceful deletion has started; Calico's "finished pod" test reads it.
    public var deletionTimestamp: String?

    public init(
        name: String, namespace: String? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil, uid: String? = nil, resourceVersion: String? = nil,
        creationTimestamp: String? = nil, deletionTimestamp: String? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
    }

    /// Labels with `nil` read as empty: Kubernetes treats the two the same.
    public var labelsOrEmpty: [String: String] { labels ?? [:] }

    /// The same metadata without the fields the API server owns (uid, resourceVersion,
    /// creationTimestamp). Used when comparing what a test wrote with what came back.
    public var withoutServerFields: ObjectMeta {
        var copy = self
        copy.uid = nil
        copy.resourceVersion = nil
        copy.creationTimestamp = nil
        return copy
    }
}
