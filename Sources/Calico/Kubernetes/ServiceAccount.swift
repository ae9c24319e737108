// `v1` ServiceAccount. Calico turns each into the profile `ksa.<namespace>.<name>`, whose labels
// (`pcsa.`-prefixed) every pod running as that account inherits (see Conversion/).
// Source: kubernetes/kubernetes staging/src/k8s.io/api/core/v1/types.go (ServiceAccount);
// projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/conversion.go (`ServiceAccountToProfile`).

/// A Kubernetes `v1` ServiceAccount. Only its name, namespace and labels matter to Felix.
public struct ServiceAccount: Codable, Hashable, Sendable {
    public var apiVersion: String = "v1"
    public var kind: String = "ServiceAccount"
    public var metadata: ObjectMeta

    public init(namespace: String, name: String, labels: [String: String] = [:]) {
        metadata = ObjectMeta(name: name, namespace: namespace, labels: labels.isEmpty ? nil : labels)
    }

    public init(metadata: ObjectMeta) { self.metadata = metadata }

    public var name: String { metadata.name }
    public var namespace: String { metadata.namespace ?? "default" }
    public var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }
    public var labels: [String: String] { metadata.labelsOrEmpty }
}
