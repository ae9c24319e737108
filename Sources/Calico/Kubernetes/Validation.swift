// The entry point for Kubernetes validation: what the API server would refuse (HTTP 422) on
// create, for the four kinds k8sfv handles. Generators use it to keep scenarios realistic, and
// `k8sfv oracle --validate` reports it. Takes: one object. Gives: field errors (empty = valid).
// Cost: linear in the object's size.
// Source: kubernetes/kubernetes pkg/apis/core/validation/validation.go (ValidateNamespace,
// ValidateNode, ValidatePodCreate) and pkg/apis/networking/validation/validation.go.
// Name rules: Namespace names are DNS-1123 labels; Pod, Node, ServiceAccount and NetworkPolicy names are
// DNS-1123 subdomains.

/// Kubernetes API-server validation of the objects k8sfv handles.
public enum KubeValidation {
    /// Every reason the API server would reject `object`, in field order. Empty = valid.
    public static func validate(_ object: KubeObject) -> [FieldError] {
        switch object {
        case .namespace(let namespace):
            return MetadataValidation.validate(namespace.metadata, namespaced: false, nameRule: .dns1123Label)
        case .node(let node):
            return validateNode(node)
        case .pod(let pod):
            return PodValidation.validate(pod)
        case .networkPolicy(let policy):
            return NetworkPolicyValidation.validate(policy)
        case .serviceAccount(let account):
            // ValidateServiceAccount: metadata only, with a subdomain name.
            return MetadataValidation.validate(account.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        }
    }

    /// Node: subdomain name; `spec.podCIDR`, when set, a valid CIDR.
    static func validateNode(_ node: Node) -> [FieldError] {
        var errors = MetadataValidation.validate(node.metadata, namespaced: false, nameRule: .dns1123Subdomain)
        if let cidr = node.spec?.podCIDR, !cidr.isEmpty, ParsedCIDR(cidr) == nil {
            errors.append(.invalid(FieldPath("spec").child("podCIDR"), cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"))
        }
        return errors
    }
}
