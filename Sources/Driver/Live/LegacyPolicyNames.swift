// Policy IDs as older Felix versions spell them, normalised to the current form.
// Takes: a PolicyID from the stream. Gives: the ID current Calico would send.
// Calico ≤ v3.31 named a Kubernetes NetworkPolicy `knp.default.<name>` (the v3 name with the
// `knp.default.` prefix that libcalico-go's conversion added; tiered builds also sent the tier
// as `default.knp.default.<name>`), with an empty kind. Current Calico sends the policy's own
// name and kind `KubernetesNetworkPolicy`
// (Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/conversion.go,
// `K8sNetworkPolicyNamePrefix`; felix/proto/felixbackend.proto `PolicyID`). Cost: O(name).

import Calico

public enum LegacyPolicyNames {
    static let prefixes = ["default.knp.default.", "knp.default."]
    static let kubernetesKind = "KubernetesNetworkPolicy"

    public static func normalised(_ id: PolicyID) -> PolicyID {
        for prefix in prefixes where id.name.hasPrefix(prefix) {
            return PolicyID(
                name: String(id.name.dropFirst(prefix.count)), namespace: id.namespace,
                kind: id.kind.isEmpty ? kubernetesKind : id.kind)
        }
        return id
    }
}
