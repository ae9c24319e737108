// Kubernetes NetworkPolicy → Calico v3 NetworkPolicy, as libcalico-go's KDD converter does it.
// Takes: one NetworkPolicy. Gives: the v3 policy plus the rules it had to drop (a bad port
// drops its whole Kubernetes rule; the rest is kept, and Felix ends up with that partial
// policy — spec §0 B1). Cost: O(rules · protocols · peers + ports log ports).
// Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/conversion.go
// (`K8sNetworkPolicyToCalico`, `k8sRuleToCalico`, `k8sPortToCalico`).

/// The converted policy and the Kubernetes rules that were dropped from it.
public struct PolicyConversionResult: Hashable, Sendable {
    public var policy: CalicoNetworkPolicy
    public var errors: [RuleConversionError]
}

public enum PolicyConversion {
    /// Every converted Kubernetes policy has this order.
    public static let order: Double = 1000

    public static func toCalico(_ policy: NetworkPolicy) -> PolicyConversionResult {
        var errors: [RuleConversionError] = []
        var ingress: [CalicoRule] = []
        for (index, rule) in (policy.spec.ingress ?? []).enumerated() {
            switch rules(peers: rule.from, ports: rule.ports, ingress: true) {
            case .success(let converted): ingress += converted
            case .failure(let error):
                errors.append(RuleConversionError(direction: "ingress", index: index, reason: error.reason))
            }
        }
        var egress: [CalicoRule] = []
        for (index, rule) in (policy.spec.egress ?? []).enumerated() {
            switch rules(peers: rule.to, ports: rule.ports, ingress: false) {
            case .success(let converted): egress += converted
            case .failure(let error):
                errors.append(RuleConversionError(direction: "egress", index: index, reason: error.reason))
            }
        }
        let declared = policy.spec.policyTypes ?? []
        // Exact spelling only; anything else is ignored. With neither, the cluster predates
        // policyTypes and the policy governs ingress only.
        var types: [String] = []
        if declared.contains("Ingress") { types.append("Ingress") }
        if declared.contains("Egress") { types.append("Egress") }
        if types.isEmpty { types = ["Ingress"] }

        // Current Calico keeps the Kubernetes name. [legacy ≤ v3.31] the v3 name was
        // `knp.default.<name>` (K8sNetworkPolicyNamePrefix); kube-controllers still uses that
        // prefix when copying policies into an etcd datastore (spec §0 B4).
        let spec = CalicoNetworkPolicySpec(
            tier: Tiers.defaultTierName,
            order: order,
            selector: KubeSelectorText.calicoSelector(policy.spec.podSelector, kind: .pod),
            types: types,
            ingress: ingress.isEmpty ? nil : ingress,
            egress: egress.isEmpty ? nil : egress)
        return PolicyConversionResult(
            policy: CalicoNetworkPolicy(
                metadata: CalicoObjectMeta(name: policy.name, namespace: policy.namespace), spec: spec),
            errors: errors)
    }

    struct RuleFailure: Error {
        var reason: String
    }

    /// `k8sRuleToCalico`: one v3 rule per (protocol group, peer), protocol-major.
    static func rules(peers: [NetworkPolicyPeer]?, ports: [NetworkPolicyPort]?, ingress: Bool) -> Result<[CalicoRule], RuleFailure> {
        // Protocol → its ports; a nil list means "all ports of that protocol" and the ""
        // protocol means "no ports given: any protocol, any port".
        var byProtocol: [String: [CalicoPort]?] = [:]
        let portList = ports ?? []
        if portList.isEmpty {
            byProtocol = ["": nil]
        }
        for port in portList {
            // The protocol defaults to TCP before grouping, so `{}` means all TCP ports.
            let proto = CalicoProtocol.canonical(port.protocol ?? "TCP")
            var parsed: [CalicoPort]? = nil
            if let value = port.port {
                var text = value.stringValue
                if let end = port.endPort { text += ":\(end)" }
                switch CalicoPort.parse(text) {
                case .success(let p): parsed = [p]
                case .failure(let error):
                    return .failure(RuleFailure(
                        reason: "k8s rule couldn't be converted: failed to parse k8s port: invalid port \(text): \(error.message)"))
                }
            }
            if let parsed {
                // Never overwrite "all ports" (nil) with a list (projectcalico/calico#4373).
                if let existing = byProtocol[proto] {
                    if let list = existing { byProtocol[proto] = .some(list + parsed) }
                } else {
                    byProtocol[proto] = .some(parsed)
                }
            } else {
                byProtocol[proto] = .some(nil)
            }
        }
        let peerList: [NetworkPolicyPeer?] = (peers ?? []).isEmpty ? [nil] : (peers ?? []).map { $0 }
        var result: [CalicoRule] = []
        for proto in byProtocol.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let simplified = PortSimplification.simplify(byProtocol[proto] ?? nil)
            let protocolValue: String? = proto.isEmpty ? nil : CalicoProtocol.canonical(proto)
            for peer in peerList {
                let fields = PeerConversion.fields(of: peer)
                let side = CalicoEntityRule(
                    selector: fields.selector, namespaceSelector: fields.namespaceSelector,
                    nets: fields.nets, notNets: fields.notNets)
                if ingress {
                    result.append(CalicoRule(
                        action: "Allow", protocol: protocolValue, source: side,
                        destination: CalicoEntityRule(ports: simplified)))
                } else {
                    var destination = side
                    destination.ports = simplified
                    result.append(CalicoRule(action: "Allow", protocol: protocolValue, destination: destination))
                }
            }
        }
        return .success(result)
    }
}
