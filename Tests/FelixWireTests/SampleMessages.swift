// Deterministic, varied ToDataplane values for property-style tests: every FelixMessage case,
// with empty and non-ASCII strings, protocol oneofs at default values, negative numbers,
// extreme sequence numbers. The same seed always gives the same messages.

import Calico
@testable import FelixWire

/// SplitMix64: tiny, seedable, good enough to vary test inputs.
struct SampleRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

enum SampleMessages {
    static let words = ["", "a", "default", "kns.prod", "ns-1/pod-ž", "s:AbC_-9", "日本", "tab\there", "quote\"q", "allow", "deny"]
    static let selectors = ["", "all()", "projectcalico.org/orchestrator == 'k8s' && app == \"web\"", "has(x)"]
    static let cidrs = ["10.0.0.5/32", "192.168.0.0/16", "fd00::1/128", "0.0.0.0/0"]

    static func strings(_ random: inout SampleRandom, max: Int = 3) -> [String] {
        (0..<random.below(max + 1)).map { _ in random.pick(words + cidrs) }
    }

    static func protocolMatch(_ random: inout SampleRandom) -> ProtocolMatch? {
        switch random.below(5) {
        case 0: return nil
        case 1: return .number(0)  // oneof member at its default: still on the wire
        case 2: return .number(random.pick([6, 17, 132, 255, -1, Int(Int32.max), Int(Int32.min)]))
        case 3: return .name("")
        default: return .name(random.pick(["tcp", "udp", "sctp", "TCP"]))
        }
    }

    static func ports(_ random: inout SampleRandom) -> [PortRange] {
        (0..<random.below(3)).map { _ in
            let first = random.pick([0, 1, 80, 443, 8080, 65535])
            return random.chance(50) ? PortRange(first) : PortRange(first: first, last: first + random.below(100))
        }
    }

    static func rule(_ random: inout SampleRandom) -> Rule {
        var rule = Rule(action: random.pick(["allow", "deny", "next-tier", "log", ""]))
        rule.ipVersion = random.pick([.any, .ipv4, .ipv6])
        rule.protocol = protocolMatch(&random)
        rule.notProtocol = random.chance(20) ? protocolMatch(&random) : nil
        rule.srcNet = random.chance(30) ? strings(&random) : []
        rule.dstNet = random.chance(30) ? strings(&random) : []
        rule.srcPorts = ports(&random)
        rule.dstPorts = ports(&random)
        rule.notSrcPorts = random.chance(20) ? ports(&random) : []
        rule.notDstPorts = random.chance(20) ? ports(&random) : []
        rule.srcIPSetIDs = strings(&random, max: 2)
        rule.dstIPSetIDs = strings(&random, max: 2)
        rule.srcNamedPortIPSetIDs = random.chance(30) ? strings(&random, max: 2) : []
        rule.dstNamedPortIPSetIDs = random.chance(30) ? strings(&random, max: 2) : []
        rule.dstIPPortSetIDs = random.chance(20) ? strings(&random, max: 2) : []
        rule.notSrcNet = random.chance(15) ? strings(&random) : []
        rule.notDstNet = random.chance(15) ? strings(&random) : []
        rule.notSrcIPSetIDs = random.chance(20) ? strings(&random, max: 2) : []
        rule.notDstIPSetIDs = random.chance(20) ? strings(&random, max: 2) : []
        rule.notSrcNamedPortIPSetIDs = random.chance(15) ? strings(&random, max: 2) : []
        rule.notDstNamedPortIPSetIDs = random.chance(15) ? strings(&random, max: 2) : []
        rule.originalSrcSelector = random.pick(selectors)
        rule.originalDstSelector = random.pick(selectors)
        rule.originalSrcNamespaceSelector = random.pick(selectors)
        rule.originalDstNamespaceSelector = random.pick(selectors)
        rule.originalNotSrcSelector = random.chance(20) ? random.pick(selectors) : ""
        rule.originalNotDstSelector = random.chance(20) ? random.pick(selectors) : ""
        rule.ruleID = random.chance(50) ? random.pick(["", "AbCdEf0123456789", "x"]) : ""
        // Calico-only parts, drawn last so the fields above keep their draws.
        rule.icmp = random.chance(20) ? icmp(&random) : nil
        rule.notICMP = random.chance(15) ? icmp(&random) : nil
        rule.srcServiceAccountMatch = random.chance(15) ? serviceAccountMatch(&random) : nil
        rule.dstServiceAccountMatch = random.chance(15) ? serviceAccountMatch(&random) : nil
        return rule
    }

    /// Type 0 and code 0 included: oneof members and the explicit code must survive at zero.
    static func icmp(_ random: inout SampleRandom) -> ICMPMatch {
        ICMPMatch(type: random.pick([0, 3, 8, 255]), code: random.chance(50) ? random.pick([0, 1, 4]) : nil)
    }

    static func serviceAccountMatch(_ random: inout SampleRandom) -> ServiceAccountMatch {
        ServiceAccountMatch(selector: random.chance(60) ? random.pick(selectors) : "", names: strings(&random, max: 2))
    }

    static func rules(_ random: inout SampleRandom) -> [Rule] {
        (0..<random.below(4)).map { _ in rule(&random) }
    }

    static func policyID(_ random: inout SampleRandom) -> PolicyID {
        PolicyID(name: random.pick(words), namespace: random.pick(words),
                 kind: random.pick(["KubernetesNetworkPolicy", "NetworkPolicy", "GlobalNetworkPolicy", ""]))
    }

    static func endpointID(_ random: inout SampleRandom) -> WorkloadEndpointID {
        WorkloadEndpointID(orchestratorID: random.pick(["k8s", ""]), workloadID: random.pick(words),
                           endpointID: random.pick(["eth0", ""]))
    }

    static func endpoint(_ random: inout SampleRandom) -> WorkloadEndpoint {
        var endpoint = WorkloadEndpoint()
        endpoint.state = random.pick(["active", "", "down"])
        endpoint.name = random.pick(["cali0123456789a", ""])
        endpoint.mac = random.pick(["", "ee:ee:ee:ee:ee:ee"])
        endpoint.profileIDs = strings(&random)
        endpoint.ipv4Nets = random.chance(70) ? ["10.0.\(random.below(256)).\(random.below(256))/32"] : []
        endpoint.ipv6Nets = random.chance(30) ? ["fd00::\(random.below(65536))/128"] : []
        endpoint.tiers = (0..<random.below(3)).map { _ in
            TierInfo(name: random.pick(["default", "kube-admin", ""]),
                     ingressPolicies: (0..<random.below(3)).map { _ in policyID(&random) },
                     egressPolicies: (0..<random.below(3)).map { _ in policyID(&random) },
                     defaultAction: random.pick(["Deny", "Pass", ""]))
        }
        for _ in 0..<random.below(4) { endpoint.annotations[random.pick(words)] = random.pick(words) }
        return endpoint
    }

    static func policy(_ random: inout SampleRandom) -> Policy {
        var policy = Policy()
        policy.namespace = random.pick(words)
        policy.inboundRules = rules(&random)
        policy.outboundRules = rules(&random)
        policy.untracked = random.chance(10)
        policy.preDNAT = random.chance(10)
        policy.originalSelector = random.pick(selectors)
        policy.perfHints = random.chance(20) ? ["AssumeNeededOnEveryNode"] : []
        policy.tier = random.pick(["default", ""])
        return policy
    }

    static func payload(_ random: inout SampleRandom, kind: Int) -> FelixMessage {
        switch kind {
        case 0: return .inSync
        case 1: return .ipSetUpdate(IPSetUpdate(id: random.pick(words), members: strings(&random, max: 5),
                                                type: random.pick([.ip, .ipAndPort, .net])))
        case 2: return .ipSetDeltaUpdate(IPSetDeltaUpdate(id: random.pick(words), addedMembers: strings(&random),
                                                          removedMembers: strings(&random)))
        case 3: return .ipSetRemove(id: random.pick(words))
        case 4: return .activeProfileUpdate(id: ProfileID(name: random.pick(words)),
                                            profile: Profile(inboundRules: rules(&random), outboundRules: rules(&random)))
        case 5: return .activeProfileRemove(id: ProfileID(name: random.pick(words)))
        case 6: return .activePolicyUpdate(id: policyID(&random), policy: policy(&random))
        case 7: return .activePolicyRemove(id: policyID(&random))
        case 8: return .workloadEndpointUpdate(id: endpointID(&random), endpoint: endpoint(&random))
        default: return .workloadEndpointRemove(id: endpointID(&random))
        }
    }

    /// `count` messages cycling through every modelled kind; sequence numbers include 0,
    /// small values and values that need all ten varint bytes.
    static func messages(count: Int, seed: UInt64) -> [ToDataplane] {
        var random = SampleRandom(seed: seed)
        return (0..<count).map { index in
            let sequence: UInt64 = index == 0 ? 0 : random.pick([0, 1, UInt64(index), 127, 128, 300, UInt64.max, 1 << 63])
            return ToDataplane(sequenceNumber: sequence, payload: payload(&random, kind: index % 10))
        }
    }
}
