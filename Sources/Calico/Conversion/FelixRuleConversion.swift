// One v3 rule → the proto `Rule` Felix sends, with the IP sets it references.
// Takes: a v3 rule and the policy's namespace. Gives: the proto rule (rule_id left empty) and
// its IP set definitions, or nil when Felix's validator rejects the rule (a selector that does
// not parse, ports on a protocol without them, ...; see `FelixRuleValidation`), which makes it
// reject the whole policy. Cost: up to two selector parses and one ID hash per IP set.
// Sources (projectcalico/calico): libcalico-go/lib/backend/syncersv1/updateprocessors/rules.go
// (v3 → v1), felix/calc/rule_scanner.go (`ruleToParsedRule`), felix/calc/rule_convert.go
// (`parsedRuleToProtoRule`), felix/labelindex/ipsetmember/ipset_port_protocol.go (`ProtocolFrom`).

enum FelixRuleConversion {
    struct Converted {
        var rule: Rule
        var ipSets: [IPSetDefinition]
    }

    static func convert(_ rule: CalicoRule, namespace: String) -> Converted? {
        guard FelixRuleValidation.rejection(of: rule) == nil else { return nil }
        var proto = Rule(action: v1Action(rule.action))
        let protocolName = rule.protocol.map { $0.lowercased() }
        if let protocolName {
            proto.protocol = Int(protocolName).map(ProtocolMatch.number) ?? .name(protocolName)
        }
        // No explicit ipVersion on a converted rule: inferred from ICMP protocols only.
        switch protocolName {
        case "icmp": proto.ipVersion = .ipv4
        case "icmpv6": proto.ipVersion = .ipv6
        default: proto.ipVersion = .any
        }
        proto.srcNet = normalisedNets(rule.source.nets)
        proto.notSrcNet = normalisedNets(rule.source.notNets)
        proto.dstNet = normalisedNets(rule.destination.nets)
        proto.notDstNet = normalisedNets(rule.destination.notNets)
        proto.originalSrcSelector = rule.source.selector ?? ""
        proto.originalSrcNamespaceSelector = rule.source.namespaceSelector ?? ""
        proto.originalDstSelector = rule.destination.selector ?? ""
        proto.originalDstNamespaceSelector = rule.destination.namespaceSelector ?? ""

        guard let source = parsedSide(rule.source, namespace: namespace),
              let destination = parsedSide(rule.destination, namespace: namespace)
        else { return nil }
        let namedPortProtocol = namedPortProtocol(protocolName)
        var ipSets: [IPSetDefinition] = []

        func sideSets(_ selector: Selector?, ports: [CalicoPort]) -> (selectorSets: [String], namedSets: [String], numeric: [PortRange]) {
            let numeric = ports.compactMap { port -> PortRange? in
                if case .range(let low, let high) = port { return PortRange(first: low, last: high) }
                return nil
            }
            let names = ports.compactMap(\.name)
            // Named ports are filtered by the side's positive selector, or all().
            let named = names.map {
                IPSetDefinition(selector: selector ?? .all, namedPort: NamedPortMatch(protocol: namedPortProtocol, name: $0))
            }
            ipSets += named
            var selectorSets: [String] = []
            // The plain selector set is needed only when the named-port sets do not already
            // apply the selector.
            if let selector, !numeric.isEmpty || names.isEmpty {
                let set = IPSetDefinition(selector: selector)
                ipSets.append(set)
                selectorSets = [set.id]
            }
            return (selectorSets, named.map(\.id), numeric)
        }
        let src = sideSets(source, ports: rule.source.ports ?? [])
        let dst = sideSets(destination, ports: rule.destination.ports ?? [])
        proto.srcIPSetIDs = src.selectorSets
        proto.srcNamedPortIPSetIDs = src.namedSets
        proto.srcPorts = src.numeric
        proto.dstIPSetIDs = dst.selectorSets
        proto.dstNamedPortIPSetIDs = dst.namedSets
        proto.dstPorts = dst.numeric
        return Converted(rule: proto, ipSets: ipSets)
    }

    /// `.some(nil)`: the side has no selector; `nil`: the selector does not parse.
    private static func parsedSide(_ side: CalicoEntityRule, namespace: String) -> Selector?? {
        let text = RuleSelectors.v1Selector(of: side, namespace: namespace)
        if text.isEmpty { return .some(nil) }
        guard let selector = try? Selector(parsing: text) else { return nil }
        return .some(selector)
    }

    /// v3 action → v1 (`Pass` → `next-tier`, else lower case).
    static func v1Action(_ action: String) -> String {
        action == "Pass" ? "next-tier" : action.lowercased()
    }

    /// `ProtocolFrom`: UDP → udp, SCTP → sctp, no protocol → any, anything else → tcp (spec §0 B5).
    static func namedPortProtocol(_ protocolName: String?) -> String {
        switch protocolName {
        case nil: return "any"
        case "udp", "17": return "udp"
        case "sctp", "132": return "sctp"
        default: return "tcp"
        }
    }

    /// Nets re-parsed and masked to their networks; an unparseable one is skipped.
    static func normalisedNets(_ nets: [String]?) -> [String] {
        (nets ?? []).compactMap { IPNetwork(cidrOrIP: $0)?.masked.description }
    }
}
