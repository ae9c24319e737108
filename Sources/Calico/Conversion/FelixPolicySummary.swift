// A compact, readable JSON form of `FelixPolicy` for people and scripts (`k8sfv convert
// --felix`): only the fields a rule sets, protocols as plain text. Deterministic: encode it
// with `KubeJSON.encoder()` (sorted keys); arrays keep Felix's order.

/// Felix's view of one policy, trimmed for reading.
public struct FelixPolicySummary: Encodable, Hashable, Sendable {
    public struct IPSet: Encodable, Hashable, Sendable {
        public var id: String
        /// `net` or `ipAndPort`.
        public var type: String
        /// Canonical selector text.
        public var selector: String
        public var namedPort: NamedPortMatch?
    }

    /// One proto rule with empty fields left out.
    public struct RuleSummary: Encodable, Hashable, Sendable {
        public var action: String
        /// `tcp`, `udp`, ... or a number as text; nil = any.
        public var `protocol`: String?
        /// 4 or 6; nil = any.
        public var ipVersion: Int?
        public var srcNet: [String]?
        public var notSrcNet: [String]?
        public var dstNet: [String]?
        public var notDstNet: [String]?
        /// `"80"` or `"80:90"`.
        public var srcPorts: [String]?
        public var dstPorts: [String]?
        public var srcIPSetIDs: [String]?
        public var dstIPSetIDs: [String]?
        public var srcNamedPortIPSetIDs: [String]?
        public var dstNamedPortIPSetIDs: [String]?
        public var originalSrcSelector: String?
        public var originalSrcNamespaceSelector: String?
        public var originalDstSelector: String?
        public var originalDstNamespaceSelector: String?
        // Fields only Calico's own policies set (nil for every Kubernetes policy).
        public var notProtocol: String?
        public var notSrcPorts: [String]?
        public var notDstPorts: [String]?
        public var notSrcIPSetIDs: [String]?
        public var notDstIPSetIDs: [String]?
        public var notSrcNamedPortIPSetIDs: [String]?
        public var notDstNamedPortIPSetIDs: [String]?
        public var originalNotSrcSelector: String?
        public var originalNotDstSelector: String?
        public var icmp: ICMPMatch?
        public var notICMP: ICMPMatch?
        public var srcServiceAccountMatch: ServiceAccountMatch?
        public var dstServiceAccountMatch: ServiceAccountMatch?

        public init(_ rule: Rule) {
            func list<T>(_ values: [T]) -> [T]? { values.isEmpty ? nil : values }
            func text(_ value: String) -> String? { value.isEmpty ? nil : value }
            func ports(_ ranges: [PortRange]) -> [String]? {
                list(ranges.map { $0.first == $0.last ? "\($0.first)" : "\($0.first):\($0.last)" })
            }
            action = rule.action
            switch rule.protocol {
            case .name(let name)?: self.protocol = name
            case .number(let number)?: self.protocol = String(number)
            case nil: self.protocol = nil
            }
            ipVersion = rule.ipVersion == .any ? nil : rule.ipVersion.rawValue
            srcNet = list(rule.srcNet)
            notSrcNet = list(rule.notSrcNet)
            dstNet = list(rule.dstNet)
            notDstNet = list(rule.notDstNet)
            srcPorts = ports(rule.srcPorts)
            dstPorts = ports(rule.dstPorts)
            srcIPSetIDs = list(rule.srcIPSetIDs)
            dstIPSetIDs = list(rule.dstIPSetIDs)
            srcNamedPortIPSetIDs = list(rule.srcNamedPortIPSetIDs)
            dstNamedPortIPSetIDs = list(rule.dstNamedPortIPSetIDs)
            originalSrcSelector = text(rule.originalSrcSelector)
            originalSrcNamespaceSelector = text(rule.originalSrcNamespaceSelector)
            originalDstSelector = text(rule.originalDstSelector)
            originalDstNamespaceSelector = text(rule.originalDstNamespaceSelector)
            switch rule.notProtocol {
            case .name(let name)?: notProtocol = name
            case .number(let number)?: notProtocol = String(number)
            case nil: notProtocol = nil
            }
            notSrcPorts = ports(rule.notSrcPorts)
            notDstPorts = ports(rule.notDstPorts)
            notSrcIPSetIDs = list(rule.notSrcIPSetIDs)
            notDstIPSetIDs = list(rule.notDstIPSetIDs)
            notSrcNamedPortIPSetIDs = list(rule.notSrcNamedPortIPSetIDs)
            notDstNamedPortIPSetIDs = list(rule.notDstNamedPortIPSetIDs)
            originalNotSrcSelector = text(rule.originalNotSrcSelector)
            originalNotDstSelector = text(rule.originalNotDstSelector)
            icmp = rule.icmp
            notICMP = rule.notICMP
            srcServiceAccountMatch = rule.srcServiceAccountMatch
            dstServiceAccountMatch = rule.dstServiceAccountMatch
        }
    }

    public var id: PolicyID
    /// The namespace-scoped selector, canonical.
    public var selector: String
    public var order: Double?
    public var tier: String
    /// `ingress` and/or `egress`: the directions the policy governs.
    public var types: [String]
    public var inboundRules: [RuleSummary]
    public var outboundRules: [RuleSummary]
    public var ipSets: [IPSet]
    /// False when Felix would reject the policy (treated as deleted).
    public var valid: Bool

    public init(_ policy: FelixPolicy) {
        id = policy.id
        selector = policy.selector.canonical
        order = policy.order
        tier = policy.tier
        types = (policy.appliesToIngress ? ["ingress"] : []) + (policy.appliesToEgress ? ["egress"] : [])
        inboundRules = policy.policy.inboundRules.map(RuleSummary.init)
        outboundRules = policy.policy.outboundRules.map(RuleSummary.init)
        ipSets = policy.ipSets.map {
            IPSet(id: $0.id, type: $0.type == .ipAndPort ? "ipAndPort" : "net", selector: $0.selector.canonical, namedPort: $0.namedPort)
        }
        valid = policy.isValid
    }
}
