// NetworkPolicy validation: metadata, the pod selector, every rule's ports and peers, and
// policyTypes. Takes: a NetworkPolicy. Gives: field errors. Cost: linear in the policy's size.
// Source: kubernetes/kubernetes pkg/apis/networking/validation/validation.go
// (ValidateNetworkPolicy, ValidateNetworkPolicySpec, ValidateNetworkPolicyPort,
// ValidateNetworkPolicyPeer, ValidateIPBlock).

enum NetworkPolicyValidation {
    static let protocols = ["TCP", "UDP", "SCTP"]
    static let policyTypes = ["Ingress", "Egress"]

    static func validate(_ policy: NetworkPolicy) -> [FieldError] {
        var errors = MetadataValidation.validate(policy.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        let spec = FieldPath("spec")
        errors += MetadataValidation.labelSelector(policy.spec.podSelector, path: spec.child("podSelector"))
        for (index, rule) in (policy.spec.ingress ?? []).enumerated() {
            let here = spec.child("ingress").index(index)
            for (portIndex, port) in (rule.ports ?? []).enumerated() {
                errors += self.port(port, path: here.child("ports").index(portIndex))
            }
            for (peerIndex, peer) in (rule.from ?? []).enumerated() {
                errors += self.peer(peer, path: here.child("from").index(peerIndex))
            }
        }
        for (index, rule) in (policy.spec.egress ?? []).enumerated() {
            let here = spec.child("egress").index(index)
            for (portIndex, port) in (rule.ports ?? []).enumerated() {
                errors += self.port(port, path: here.child("ports").index(portIndex))
            }
            for (peerIndex, peer) in (rule.to ?? []).enumerated() {
                errors += self.peer(peer, path: here.child("to").index(peerIndex))
            }
        }
        let types = policy.spec.policyTypes ?? []
        if types.count > policyTypes.count {
            errors.append(.invalid(spec.child("policyTypes"), types.joined(separator: ","),
                "may not specify more than two policyTypes"))
        } else {
            for (index, type) in types.enumerated() where !policyTypes.contains(type) {
                errors.append(.notSupported(spec.child("policyTypes").index(index), type, supported: policyTypes))
            }
        }
        return errors
    }

    /// Protocol TCP/UDP/SCTP; a numeric port 1–65535 or a named port (IANA_SVC_NAME);
    /// endPort only with a numeric port, ≥ port and itself 1–65535.
    static func port(_ port: NetworkPolicyPort, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if let proto = port.protocol, !protocols.contains(proto) {
            errors.append(.notSupported(path.child("protocol"), proto, supported: protocols))
        }
        switch port.port {
        case .int(let number)?:
            errors += NameRules.portNumber(number).map { .invalid(path.child("port"), number: number, $0) }
            if let end = port.endPort {
                if end < number {
                    errors.append(.invalid(path.child("endPort"), number: end, "must be greater than or equal to `port`"))
                }
                errors += NameRules.portNumber(end).map { .invalid(path.child("endPort"), number: end, $0) }
            }
        case .string(let name)?:
            if let end = port.endPort {
                errors.append(.invalid(path.child("endPort"), number: end, "may not be specified when `port` is non-numeric"))
            }
            errors += NameRules.portName(name).map { .invalid(path.child("port"), name, $0) }
        case nil:
            if let end = port.endPort {
                errors.append(.invalid(path.child("endPort"), number: end, "may not be specified when `port` is not specified"))
            }
        }
        return errors
    }

    /// A peer sets at least one of podSelector, namespaceSelector, ipBlock; ipBlock stands alone.
    static func peer(_ peer: NetworkPolicyPeer, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        var count = 0
        if let selector = peer.podSelector {
            count += 1
            errors += MetadataValidation.labelSelector(selector, path: path.child("podSelector"))
        }
        if let selector = peer.namespaceSelector {
            count += 1
            errors += MetadataValidation.labelSelector(selector, path: path.child("namespaceSelector"))
        }
        if let block = peer.ipBlock {
            count += 1
            errors += ipBlock(block, path: path.child("ipBlock"))
        }
        if count == 0 {
            errors.append(.required(path, "must specify a peer"))
        } else if count > 1 && peer.ipBlock != nil {
            errors.append(.forbidden(path, "may not specify both ipBlock and another peer"))
        }
        return errors
    }

    /// `cidr` required and valid; each `except` valid and a strict subset of `cidr`.
    static func ipBlock(_ block: IPBlock, path: FieldPath) -> [FieldError] {
        guard !block.cidr.isEmpty else { return [.required(path.child("cidr"))] }
        guard let cidr = ParsedCIDR(block.cidr) else {
            return [.invalid(path.child("cidr"), block.cidr, "not a valid CIDR")]
        }
        var errors: [FieldError] = []
        for (index, text) in (block.except ?? []).enumerated() {
            let here = path.child("except").index(index)
            guard let except = ParsedCIDR(text) else {
                errors.append(.invalid(here, text, "not a valid CIDR"))
                continue
            }
            if !cidr.strictlyContains(except) {
                errors.append(.invalid(here, text, "must be a strict subset of `cidr`"))
            }
        }
        return errors
    }
}
