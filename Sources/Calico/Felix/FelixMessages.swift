// Felix's calculation-graph output, as Swift values. Field names follow
// projectcalico/calico felix/proto/felixbackend.proto (copy in shared/proto/felixbackend.proto),
// lowerCamelCased; only the messages and fields the policy pipeline produces are modelled.
// The wire codec lives in the FelixWire module; these types know nothing of bytes.

/// `PolicyID{name, namespace, kind}`; field 1 (tier) was removed from the proto.
/// Current Calico names a Kubernetes policy by its own name and namespace with kind
/// `KubernetesNetworkPolicy`; Calico ≤ v3.31 used `knp.default.<name>` (see Conversion/).
public struct PolicyID: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var name: String
    public var namespace: String
    public var kind: String
    public init(name: String, namespace: String, kind: String) {
        self.name = name
        self.namespace = namespace
        self.kind = kind
    }
    public static func < (a: PolicyID, b: PolicyID) -> Bool {
        (a.namespace, a.name, a.kind) < (b.namespace, b.name, b.kind)
    }
    public var description: String { "\(kind) \(namespace)/\(name)" }
}

/// `ProfileID{name}`, e.g. `kns.prod` or `ksa.prod.default`.
public struct ProfileID: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var name: String
    public init(name: String) { self.name = name }
    public static func < (a: ProfileID, b: ProfileID) -> Bool { a.name < b.name }
    public var description: String { name }
}

/// `WorkloadEndpointID{orchestrator_id, workload_id, endpoint_id}`: `k8s`, `<ns>/<pod>`, `eth0`.
public struct WorkloadEndpointID: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var orchestratorID: String
    public var workloadID: String
    public var endpointID: String
    public init(orchestratorID: String = "k8s", workloadID: String, endpointID: String = "eth0") {
        self.orchestratorID = orchestratorID
        self.workloadID = workloadID
        self.endpointID = endpointID
    }
    public static func < (a: WorkloadEndpointID, b: WorkloadEndpointID) -> Bool {
        (a.orchestratorID, a.workloadID, a.endpointID) < (b.orchestratorID, b.workloadID, b.endpointID)
    }
    public var description: String { "\(orchestratorID)/\(workloadID)/\(endpointID)" }
}

/// `IPSetUpdate.IPSetType`: wire values IP = 0, IP_AND_PORT = 1, NET = 2.
public enum IPSetType: Int, Codable, Hashable, Sendable {
    case ip = 0
    case ipAndPort = 1
    case net = 2
}

/// `IPVersion`: ANY = 0, IPV4 = 4, IPV6 = 6.
public enum IPVersion: Int, Codable, Hashable, Sendable {
    case any = 0
    case ipv4 = 4
    case ipv6 = 6
}

/// `Protocol` oneof: a number or a lower-case name such as `tcp`.
/// JSON: `{"name":"tcp"}` or `{"number":6}`, as the proto3 JSON mapping writes the oneof.
public enum ProtocolMatch: Codable, Hashable, Sendable {
    case number(Int)
    case name(String)

    private enum CodingKeys: String, CodingKey { case number, name }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let name = try c.decodeIfPresent(String.self, forKey: .name) {
            self = .name(name)
        } else {
            self = .number(try c.decode(Int.self, forKey: .number))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .number(let n): try c.encode(n, forKey: .number)
        case .name(let s): try c.encode(s, forKey: .name)
        }
    }
}

/// `PortRange{first, last}`; a single port has first == last.
public struct PortRange: Codable, Hashable, Comparable, Sendable {
    public var first: Int
    public var last: Int
    public init(first: Int, last: Int) {
        self.first = first
        self.last = last
    }
    public init(_ port: Int) { self.init(first: port, last: port) }
    public static func < (a: PortRange, b: PortRange) -> Bool { (a.first, a.last) < (b.first, b.last) }
}

/// `Rule`: the fields a Kubernetes NetworkPolicy can produce, plus `rule_id`, which the
/// oracle ignores (it depends on Go's protobuf marshalling), plus the ICMP and service-account
/// matches of Calico's own policies.
public struct Rule: Codable, Hashable, Sendable {
    public var action: String = ""
    public var ipVersion: IPVersion = .any
    public var `protocol`: ProtocolMatch?
    public var srcNet: [String] = []
    public var srcPorts: [PortRange] = []
    public var srcNamedPortIPSetIDs: [String] = []
    public var dstNet: [String] = []
    public var dstPorts: [PortRange] = []
    public var dstNamedPortIPSetIDs: [String] = []
    public var srcIPSetIDs: [String] = []
    public var dstIPSetIDs: [String] = []
    public var dstIPPortSetIDs: [String] = []
    public var notProtocol: ProtocolMatch?
    public var notSrcNet: [String] = []
    public var notSrcPorts: [PortRange] = []
    public var notDstNet: [String] = []
    public var notDstPorts: [PortRange] = []
    public var notSrcIPSetIDs: [String] = []
    public var notDstIPSetIDs: [String] = []
    public var notSrcNamedPortIPSetIDs: [String] = []
    public var notDstNamedPortIPSetIDs: [String] = []
    public var originalSrcSelector: String = ""
    public var originalDstSelector: String = ""
    public var originalSrcNamespaceSelector: String = ""
    public var originalDstNamespaceSelector: String = ""
    public var originalNotSrcSelector: String = ""
    public var originalNotDstSelector: String = ""
    public var ruleID: String = ""
    /// Calico policies only (see `RuleMatchExtras.swift`); nil when unset, and then left out
    /// of the JSON form, so Kubernetes-only states encode as before.
    public var icmp: ICMPMatch?
    public var notICMP: ICMPMatch?
    public var srcServiceAccountMatch: ServiceAccountMatch?
    public var dstServiceAccountMatch: ServiceAccountMatch?

    public init(action: String = "") { self.action = action }

    /// Every IP set ID the rule references, in field order.
    public var referencedIPSetIDs: [String] {
        srcIPSetIDs + dstIPSetIDs + srcNamedPortIPSetIDs + dstNamedPortIPSetIDs + dstIPPortSetIDs
            + notSrcIPSetIDs + notDstIPSetIDs + notSrcNamedPortIPSetIDs + notDstNamedPortIPSetIDs
    }

    /// The rule with `rule_id` cleared, for comparisons that must not depend on it.
    public var withoutRuleID: Rule {
        var copy = self
        copy.ruleID = ""
        return copy
    }
}

/// `Policy`.
public struct Policy: Codable, Hashable, Sendable {
    public var namespace: String = ""
    public var inboundRules: [Rule] = []
    public var outboundRules: [Rule] = []
    public var untracked: Bool = false
    public var preDNAT: Bool = false
    public var originalSelector: String = ""
    public var perfHints: [String] = []
    public var tier: String = ""
    public init() {}
}

/// `Profile`.
public struct Profile: Codable, Hashable, Sendable {
    public var inboundRules: [Rule] = []
    public var outboundRules: [Rule] = []
    public init(inboundRules: [Rule] = [], outboundRules: [Rule] = []) {
        self.inboundRules = inboundRules
        self.outboundRules = outboundRules
    }
}

/// `TierInfo`: one tier's policies for one endpoint, in evaluation order.
public struct TierInfo: Codable, Hashable, Sendable {
    public var name: String
    public var ingressPolicies: [PolicyID]
    public var egressPolicies: [PolicyID]
    /// `"Deny"` or `"Pass"`, with the capital letter (felix/calc/event_sequencer.go).
    public var defaultAction: String
    public init(name: String, ingressPolicies: [PolicyID] = [], egressPolicies: [PolicyID] = [], defaultAction: String) {
        self.name = name
        self.ingressPolicies = ingressPolicies
        self.egressPolicies = egressPolicies
        self.defaultAction = defaultAction
    }
}

/// `WorkloadEndpoint`: the fields a Kubernetes pod can produce.
public struct WorkloadEndpoint: Codable, Hashable, Sendable {
    public var state: String = "active"
    public var name: String = ""
    public var mac: String = ""
    public var profileIDs: [String] = []
    public var ipv4Nets: [String] = []
    public var ipv6Nets: [String] = []
    public var tiers: [TierInfo] = []
    public var annotations: [String: String] = [:]
    public init() {}
}

public struct IPSetUpdate: Codable, Hashable, Sendable {
    public var id: String
    public var members: [String]
    public var type: IPSetType
    public init(id: String, members: [String], type: IPSetType) {
        self.id = id
        self.members = members
        self.type = type
    }
}

public struct IPSetDeltaUpdate: Codable, Hashable, Sendable {
    public var id: String
    public var addedMembers: [String]
    public var removedMembers: [String]
    public init(id: String, addedMembers: [String] = [], removedMembers: [String] = []) {
        self.id = id
        self.addedMembers = addedMembers
        self.removedMembers = removedMembers
    }
}

/// One message of the `ToDataplane` stream that the policy pipeline produces.
/// Messages Felix sends that k8sfv does not model (config, host metadata, routes, ...)
/// arrive as `.unmodelled` with the payload's field number in `ToDataplane`.
public enum FelixMessage: Codable, Hashable, Sendable {
    case inSync
    case ipSetUpdate(IPSetUpdate)
    case ipSetDeltaUpdate(IPSetDeltaUpdate)
    case ipSetRemove(id: String)
    case activeProfileUpdate(id: ProfileID, profile: Profile)
    case activeProfileRemove(id: ProfileID)
    case activePolicyUpdate(id: PolicyID, policy: Policy)
    case activePolicyRemove(id: PolicyID)
    case workloadEndpointUpdate(id: WorkloadEndpointID, endpoint: WorkloadEndpoint)
    case workloadEndpointRemove(id: WorkloadEndpointID)
    case unmodelled(field: Int)

    /// The message's kind, as a stable name for statistics and cost bounds.
    public var kindName: String {
        switch self {
        case .inSync: return "InSync"
        case .ipSetUpdate: return "IPSetUpdate"
        case .ipSetDeltaUpdate: return "IPSetDeltaUpdate"
        case .ipSetRemove: return "IPSetRemove"
        case .activeProfileUpdate: return "ActiveProfileUpdate"
        case .activeProfileRemove: return "ActiveProfileRemove"
        case .activePolicyUpdate: return "ActivePolicyUpdate"
        case .activePolicyRemove: return "ActivePolicyRemove"
        case .workloadEndpointUpdate: return "WorkloadEndpointUpdate"
        case .workloadEndpointRemove: return "WorkloadEndpointRemove"
        case .unmodelled(let field): return "Unmodelled(\(field))"
        }
    }
}
