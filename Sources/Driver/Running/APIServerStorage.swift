import Calico

// Every target judges the objects as the API server stores them, not as a scenario wrote
// them: that is what a real Felix reads through its watch. The runner maps each write
// through these rules before the target or the oracle sees it, so the model, the oracle
// and a live Felix all agree on the input. Sources:
//   - NetworkPolicy: kubernetes/kubernetes pkg/apis/networking/v1/defaults.go
//     (policyTypes, port protocol), via `NetworkPolicy.defaultedByAPIServer`;
//   - Pod: the ServiceAccount admission plugin sets `serviceAccountName: default` when absent
//     (kubernetes/kubernetes plugin/pkg/admission/serviceaccount/admission.go);
//   - Namespace: the API server sets the immutable label `kubernetes.io/metadata.name`
//     (pkg/registry/core/namespace/strategy.go, Kubernetes ≥ 1.21).

extension Write {
    /// The write as the API server would store its object.
    public var asStoredByAPIServer: Write {
        guard case .put(let object) = self else { return self }
        switch object {
        case .networkPolicy(let policy):
            return .put(.networkPolicy(policy.defaultedByAPIServer))
        case .pod(var pod):
            if (pod.spec.serviceAccountName ?? "").isEmpty { pod.spec.serviceAccountName = "default" }
            return .put(.pod(pod))
        case .namespace(var namespace):
            var labels = namespace.metadata.labels ?? [:]
            labels["kubernetes.io/metadata.name"] = namespace.name
            namespace.metadata.labels = labels
            return .put(.namespace(namespace))
        case .node, .serviceAccount:
            return self
        }
    }
}
