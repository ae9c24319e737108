// `v1` Namespace. Calico turns each into the profile `kns.<name>` (see Conversion/).
// Source: kubernetes/kubernetes staging/src/k8s.io/api/core/v1/types.go (Namespace).

/// A Kubernetes `v1` Namespace. Only its labels matter to Felix.
public struct Namespace: Codable, Hashable, Sendable {
    public var apiVersion: String = "v1"
    public var kind: String = "Namespace"
    public var metadata: ObjectMeta

    public init(name: String, labels: [String: String] = [:]) {
        metadata = ObjectMeta(name: name, labels: labels.isEmpty ? nil : labels)
    }

    public init(metadata: ObjectMeta) { self.metadata = metadata }

    public var name: String { metadata.name }
    public var labels: [String: String] { metadata.labelsOrEmpty }
}
