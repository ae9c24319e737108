// A Kubernetes rule Calico's converter could not convert, and so dropped.
// Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/conversion.go
// (`K8sNetworkPolicyToCalico`), libcalico-go/lib/errors/errors.go (`ErrorPolicyConversion`).

/// One dropped Kubernetes rule: which one (direction and index in `ingress`/`egress`) and
/// Calico's reason, e.g. `k8s rule couldn't be converted: failed to parse k8s port: invalid
/// port 70000: invalid port format (70000)`.
public struct RuleConversionError: Error, Codable, Hashable, Sendable, CustomStringConvertible {
    /// `ingress` or `egress`.
    public var direction: String
    /// The rule's index in `spec.ingress` or `spec.egress`.
    public var index: Int
    public var reason: String

    public init(direction: String, index: Int, reason: String) {
        self.direction = direction
        self.index = index
        self.reason = reason
    }

    /// `spec.ingress[2]`: where the rule is in the Kubernetes object.
    public var path: String { "spec.\(direction)[\(index)]" }

    public var description: String { "\(path) dropped: \(reason)" }
}
