// One v3 rule of a Calico policy → the proto `Rule` Felix sends, with the IP sets it needs.
// Takes: a v3 rule and the policy's namespace ("" for a global policy). Gives: the proto rule
// (rule_id left empty) and its IP set definitions, or nil when a selector does not parse
// (Felix's validator would already have rejected the policy; see `V3Validation`).
// IP sets, as the rule scanner makes them:
// - each named port (in ports or notPorts) gets a named-port set over the side's positive
//   selector, or `all()`;
// - the positive selector gets a selector set when the side has numeric ports or no named
//   ports (a named-port set already applies it);
// - a `notSelector` with no positive selector gets its own set (`not_*_ip_set_ids`);
//   with one, it is folded into it.
// Cost: up to four selector parses and one ID hash per IP set.
// Sources (projectcalico/calico): libcalico-go/lib/backend/syncersv1/updateprocessors/rules.go
// (`RuleAPIV3ToBackend`), felix/calc/rule_scanner.go (`ruleToParsedRule`, `extractSelectors`,
// `namedPortsToIPSets`, `splitNamedAndNumericPorts`), felix/calc/rule_convert.go
// (`parsedRuleToProtoRule`, `ipVersionToProtoIPVersion`), felix/labelindex/ipsetmember/
// ipset_port_protocol.go (`ProtocolFrom`).

public enum V3RuleConversion {
    public struct Converted: Hashable, Sendable {
        public var rule: Rule
        public var ipSets: [IPSetDefinition]
    }

    /// `rewritingGlobal`: see `V3RuleSelectors.v1Selector` (false only for an injected bug).
    public static func convert(_ rule: V3Rule, namespace: String, rewritingGlobal: Bool = true) -> Converted? {
        var proto = Rule(action: rule.action.v1)
        let v1Protocol = rule.protocol?.v1
        proto.protocol = rule.protocol?.protoMatch
        proto.notProtocol = rule.notProtocol?.protoMatch
        // An explicit ipVersion wins; otherwise only the names icmp / icmpv6 imply one.
        switch (rule.ipVersion, v1Protocol) {
        case (4?, _): proto.ipVersion = .ipv4
        case (6?, _): proto.ipVersion = .ipv6
        case (nil, .name("icmp")?): proto.ipVersion = .ipv4
        case (nil, .name("icmpv6")?): proto.ipVersion = .ipv6
        default: proto.ipVersion = .any
        }
        proto.icmp = icmpMatch(rule.icmp)
        proto.notICMP = icmpMatch(rule.notICMP)
        proto.srcNet = FelixRuleConversion.normalisedNets(rule.source.nets)
        proto.notSrcNet = FelixRuleConversion.normalisedNets(rule.source.notNets)
        proto.dstNet = FelixRuleConversion.normalisedNets(rule.destination.nets)
        proto.notDstNet = FelixRuleConversion.normalisedNets(rule.destination.notNets)
        proto.originalSrcSelector = rule.source.selector ?? ""
        proto.originalSrcNamespaceSelector = rule.source.namespaceSelector ?? ""
        proto.originalNotSrcSelector = rule.source.notSelector ?? ""
        proto.originalDstSelector = rule.destination.selector ?? ""
        proto.originalDstNamespaceSelector = rule.destination.namespaceSelector ?? ""
        proto.originalNotDstSelector = rule.destination.notSelector ?? ""
        proto.srcServiceAccountMatch = accountMatch(rule.source.serviceAccounts)
        proto.dstServiceAccountMatch = accountMatch(rule.destination.serviceAccounts)

        let namedPortProtocol = FelixRuleConversion.namedPortProtocol(v1Protocol?.description)
        var ipSets: [IPSetDefinition] = []
        guard let source = side(
                rule.source, namespace: namespace, namedPortProtocol: namedPortProtocol, rewritingGlobal: rewritingGlobal,
                into: &ipSets),
              let destination = side(
                rule.destination, namespace: namespace, namedPortProtocol: namedPortProtocol,
                rewritingGlobal: rewritingGlobal, into: &ipSets)
        else { return nil }
        proto.srcIPSetIDs = source.selectorSets
        proto.srcNamedPortIPSetIDs = source.namedSets
        proto.srcPorts = source.numeric
        proto.notSrcIPSetIDs = source.notSelectorSets
        proto.notSrcNamedPortIPSetIDs = source.notNamedSets
        proto.notSrcPorts = source.notNumeric
        proto.dstIPSetIDs = destination.selectorSets
        proto.dstNamedPortIPSetIDs = destination.namedSets
        proto.dstPorts = destination.numeric
        proto.notDstIPSetIDs = destination.notSelectorSets
        proto.notDstNamedPortIPSetIDs = destination.notNamedSets
        proto.notDstPorts = destination.notNumeric
        return Converted(rule: proto, ipSets: ipSets)
    }

    struct Side {
        var selectorSets: [String] = []
        var namedSets: [String] = []
        var numeric: [PortRange] = []
        var notSelectorSets: [String] = []
        var notNamedSets: [String] = []
        var notNumeric: [PortRange] = []
    }

    /// One side's IP sets and numeric ports; nil when a selector does not parse.
    static func side(
        _ side: V3EntityRule, namespace: String, namedPortProtocol: String, rewritingGlobal: Bool = true,
        into ipSets: inout [IPSetDefinition]
    ) -> Side? {
        let joined = V3RuleSelectors.combined(
            positive: V3RuleSelectors.v1Selector(of: side, namespace: namespace, rewritingGlobal: rewritingGlobal),
            negated: side.notSelector ?? "")
        var positive: Selector?
        var negated: Selector?
        if !joined.positive.isEmpty {
            guard let parsed = try? Selector(parsing: joined.positive) else { return nil }
            positive = parsed
        }
        if !joined.negated.isEmpty {
            guard let parsed = try? Selector(parsing: joined.negated) else { return nil }
            negated = parsed
        }
        func split(_ ports: [CalicoPort]?) -> (numeric: [PortRange], names: [String]) {
            var numeric: [PortRange] = []
            var names: [String] = []
            for port in ports ?? [] {
                switch port {
                case .range(let low, let high): numeric.append(PortRange(first: low, last: high))
                case .named(let name): names.append(name)
                }
            }
            return (numeric, names)
        }
        let ports = split(side.ports)
        let notPorts = split(side.notPorts)
        func namedSets(_ names: [String]) -> [IPSetDefinition] {
            names.map {
                IPSetDefinition(selector: positive ?? .all, namedPort: NamedPortMatch(protocol: namedPortProtocol, name: $0))
            }
        }
        var result = Side(numeric: ports.numeric, notNumeric: notPorts.numeric)
        let named = namedSets(ports.names)
        let notNamed = namedSets(notPorts.names)
        result.namedSets = named.map(\.id)
        result.notNamedSets = notNamed.map(\.id)
        ipSets += named + notNamed
        if let positive, !ports.numeric.isEmpty || ports.names.isEmpty {
            let set = IPSetDefinition(selector: positive)
            ipSets.append(set)
            result.selectorSets = [set.id]
        }
        if let negated {
            let set = IPSetDefinition(selector: negated)
            ipSets.append(set)
            result.notSelectorSets = [set.id]
        }
        return result
    }

    /// A type alone, or type and code; a code without a type is dropped, as Felix drops it.
    static func icmpMatch(_ fields: V3ICMPFields?) -> ICMPMatch? {
        guard let type = fields?.type else { return nil }
        return ICMPMatch(type: type, code: fields?.code)
    }

    static func accountMatch(_ match: V3ServiceAccountMatch?) -> ServiceAccountMatch? {
        guard let match, !(match.names ?? []).isEmpty || !(match.selector ?? "").isEmpty else { return nil }
        return ServiceAccountMatch(selector: match.selector ?? "", names: match.names ?? [])
    }
}
