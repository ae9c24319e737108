// What the Kubernetes API server fills in when a NetworkPolicy is created or updated, so that
// k8sfv can convert a policy as Calico would see it after a real write.
// Source: kubernetes/kubernetes:pkg/apis/networking/v1/defaults.go
// (`SetDefaults_NetworkPolicy`, `SetDefaults_NetworkPolicyPort`).

extension NetworkPolicy {
    /// The policy after API-server defaulting:
    /// - with no `policyTypes`: `["Ingress"]`, plus `"Egress"` when `egress` has at least one
    ///   rule (an empty or absent `egress` list adds nothing);
    /// - every port entry without a protocol gets `TCP`.
    public var defaultedByAPIServer: NetworkPolicy {
        var copy = self
        if (copy.spec.policyTypes ?? []).isEmpty {
            var types = ["Ingress"]
            if !(copy.spec.egress ?? []).isEmpty { types.append("Egress") }
            copy.spec.policyTypes = types
        }
        func defaulted(_ ports: [NetworkPolicyPort]?) -> [NetworkPolicyPort]? {
            ports?.map { port in
                var port = port
                if port.protocol == nil { port.protocol = "TCP" }
                return port
            }
        }
        if let ingress = copy.spec.ingress {
            copy.spec.ingress = ingress.map { rule in
                var rule = rule
                rule.ports = defaulted(rule.ports)
                return rule
            }
        }
        if let egress = copy.spec.egress {
            copy.spec.egress = egress.map { rule in
                var rule = rule
                rule.ports = defaulted(rule.ports)
                return rule
            }
        }
        return copy
    }
}
