import Foundation
import Testing
@testable import Calico

/// v3 → Felix's view: rule selectors, IP sets and their members, tiers and policy order
/// (spec §1.3 "v3 → v1", §3.2, §3.4, §3.5, §0 A2, A6, B5).
@Suite struct ConversionFelixTests {
    static func policy(
        name: String = "p", namespace: String = "ns", types: [String]? = nil,
        ingress: [NetworkPolicyIngressRule]? = nil, egress: [NetworkPolicyEgressRule]? = nil
    ) -> NetworkPolicy {
        NetworkPolicy(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: NetworkPolicySpec(policyTypes: types, ingress: ingress, egress: egress))
    }

    static func endpoint(ip: String, ports: [EndpointNamedPort], labels: [String: String] = [:]) -> EndpointData {
        EndpointData(
            hostname: "h", id: WorkloadEndpointID(workloadID: "ns/x"), labels: labels, profileIDs: ["kns.ns"],
            ipv4Nets: ip.contains(":") ? [] : [ip], ipv6Nets: ip.contains(":") ? [ip] : [], namedPorts: ports,
            interfaceName: "cali0")
    }

    @Test func peerlessAndIPBlockRulesHaveNoSelector() throws {
        let felix = FelixPolicyConversion.felixPolicy(for: Self.policy(ingress: [
            NetworkPolicyIngressRule(),
            NetworkPolicyIngressRule(from: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.0/8", except: ["10.1.0.0/16"]))]),
        ]))
        #expect(felix.ipSets.isEmpty)
        let rules = felix.policy.inboundRules
        #expect(rules.count == 2)
        #expect(rules[0] == Rule(action: "allow"))
        #expect(rules[1].srcNet == ["10.0.0.0/8"] && rules[1].notSrcNet == ["10.1.0.0/16"])
        #expect(rules[1].referencedIPSetIDs.isEmpty)
    }

    @Test func emptyPeerSelectsOwnNamespacePods() {
        let felix = FelixPolicyConversion.felixPolicy(for: Self.policy(ingress: [NetworkPolicyIngressRule(from: [NetworkPolicyPeer()])]))
        #expect(felix.ipSets.map(\.selector.canonical)
            == [#"(projectcalico.org/namespace == "ns" && projectcalico.org/orchestrator == "k8s")"#])
    }

    @Test func namedPortOnlyIngressUsesAllSelectorAndNoPlainSet() throws {
        let felix = FelixPolicyConversion.felixPolicy(for: Self.policy(ingress: [NetworkPolicyIngressRule(
            ports: [NetworkPolicyPort(protocol: "UDP", port: .string("dns"))],
            from: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["a": "b"]))])]))
        let rule = try #require(felix.policy.inboundRules.first)
        // Ingress named ports are on the destination side, which has no selector: all().
        let named = try #require(felix.ipSets.first { $0.type == .ipAndPort })
        #expect(named.selector == Selector.all)
        #expect(named.namedPort == NamedPortMatch(protocol: "udp", name: "dns"))
        #expect(named.id == UniqueID.make(prefix: "n", content: "\(Selector.all.uniqueID),udp,dns"))
        #expect(rule.dstNamedPortIPSetIDs == [named.id])
        #expect(rule.dstIPSetIDs.isEmpty && rule.dstPorts.isEmpty)
        #expect(rule.srcIPSetIDs.count == 1)
        #expect(rule.protocol == .name("udp"))
    }

    @Test func egressNamedPortIsFilteredByPeerSelector() throws {
        let policy = Self.policy(types: ["Egress"], egress: [NetworkPolicyEgressRule(
            ports: [NetworkPolicyPort(protocol: "TCP", port: .string("http"))],
            to: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["a": "b"]))])])
        let felix = FelixPolicyConversion.felixPolicy(for: policy)
        #expect(!felix.appliesToIngress && felix.appliesToEgress)
        let rule = try #require(felix.policy.outboundRules.first)
        let named = try #require(felix.ipSets.first)
        #expect(felix.ipSets.count == 1)
        #expect(named.selector.canonical == #"(projectcalico.org/namespace == "ns" && (projectcalico.org/orchestrator == "k8s" && a == "b"))"#)
        #expect(rule.dstNamedPortIPSetIDs == [named.id])
        // Only named ports: the selector is applied inside the named-port set.
        #expect(rule.dstIPSetIDs.isEmpty)
        #expect(rule.originalDstSelector == "projectcalico.org/orchestrator == 'k8s' && a == 'b'")
    }

    @Test func mixedNumericAndNamedKeepsPlainSet() throws {
        let policy = Self.policy(types: ["Egress"], egress: [NetworkPolicyEgressRule(
            ports: [NetworkPolicyPort(protocol: "TCP", port: .string("http")), NetworkPolicyPort(protocol: "TCP", port: .int(80))],
            to: [NetworkPolicyPeer(podSelector: LabelSelector())])])
        let felix = FelixPolicyConversion.felixPolicy(for: policy)
        let rule = try #require(felix.policy.outboundRules.first)
        #expect(rule.dstIPSetIDs.count == 1 && rule.dstNamedPortIPSetIDs.count == 1)
        #expect(rule.dstPorts == [PortRange(80)])
        #expect(felix.ipSets.map(\.id) == felix.ipSets.map(\.id).sorted())
        #expect(Set(felix.ipSets.map(\.id)) == Set(rule.referencedIPSetIDs))
    }

    @Test func sharedSelectorSetsAreListedOnce() {
        let peer = NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["a": "b"]))
        let felix = FelixPolicyConversion.felixPolicy(for: Self.policy(ingress: [
            NetworkPolicyIngressRule(ports: [NetworkPolicyPort(protocol: "TCP", port: .int(1))], from: [peer]),
            NetworkPolicyIngressRule(ports: [NetworkPolicyPort(protocol: "UDP", port: .int(2))], from: [peer]),
        ]))
        #expect(felix.ipSets.count == 1)
        #expect(felix.policy.inboundRules.count == 2)
    }

    @Test func namedPortProtocols() {
        #expect(FelixRuleConversion.namedPortProtocol(nil) == "any")
        #expect(FelixRuleConversion.namedPortProtocol("udp") == "udp")
        #expect(FelixRuleConversion.namedPortProtocol("sctp") == "sctp")
        #expect(FelixRuleConversion.namedPortProtocol("132") == "sctp")
        #expect(FelixRuleConversion.namedPortProtocol("tcp") == "tcp")
        #expect(FelixRuleConversion.namedPortProtocol("icmp") == "tcp")
    }

    @Test func members() {
        let endpoint = Self.endpoint(ip: "10.0.0.0/24", ports: [
            EndpointNamedPort(name: "http", protocol: "tcp", port: 80),
            EndpointNamedPort(name: "http", protocol: "udp", port: 81),
            EndpointNamedPort(name: "other", protocol: "tcp", port: 82),
        ], labels: ["a": "b"])
        let matching = try! Selector(parsing: "a == 'b'")
        let selectorSet = IPSetDefinition(selector: matching)
        #expect(selectorSet.members(of: endpoint, labels: endpoint.labels) == ["10.0.0.0/32"])
        #expect(IPSetDefinition(selector: matching, namedPort: NamedPortMatch(protocol: "tcp", name: "http"))
            .members(of: endpoint, labels: endpoint.labels) == ["10.0.0.0,tcp:80"])
        #expect(IPSetDefinition(selector: .all, namedPort: NamedPortMatch(protocol: "any", name: "http"))
            .members(of: endpoint, labels: endpoint.labels) == ["10.0.0.0,tcp:80", "10.0.0.0,udp:81"])
        let other = try! Selector(parsing: "a == 'c'")
        #expect(IPSetDefinition(selector: other).members(of: endpoint, labels: endpoint.labels).isEmpty)
        // Inherited labels count.
        let inherited = InheritedLabels(own: endpoint.labels, parents: [["pcns.team": "x"]])
        #expect(IPSetDefinition(selector: try! Selector(parsing: "pcns.team == 'x'")).members(of: endpoint, labels: inherited) == ["10.0.0.0/32"])
        let v6 = Self.endpoint(ip: "fd00::5/128", ports: [EndpointNamedPort(name: "http", protocol: "tcp", port: 80)])
        #expect(IPSetDefinition(selector: .all, namedPort: NamedPortMatch(protocol: "tcp", name: "http"))
            .members(of: v6, labels: v6.labels) == ["fd00::5,tcp:80"])
    }

    @Test func tiersAndPolicyOrder() {
        #expect(Tiers.builtIn.map(\.name) == ["kube-admin", "default", "kube-baseline"])
        #expect(Tiers.definition(named: "default") == TierDefinition(name: "default", order: 1_000_000, defaultAction: "Deny"))
        #expect(Tiers.definition(named: "kube-admin")?.defaultAction == "Pass")
        #expect(Tiers.definition(named: "nope") == nil)
        #expect(Tiers.builtIn == Tiers.builtIn.sorted(by: Tiers.tierPrecedes))
        var a = FelixPolicyConversion.felixPolicy(for: Self.policy(name: "b", namespace: "x"))
        var b = FelixPolicyConversion.felixPolicy(for: Self.policy(name: "a", namespace: "y"))
        #expect(policyPrecedes(b, a) && !policyPrecedes(a, b))
        a.order = 10
        #expect(policyPrecedes(a, b))
        b.order = nil
        #expect(policyPrecedes(a, b) && !policyPrecedes(b, a))
        // Byte order of "name/namespace/kind": '-' (0x2D) comes before '/' (0x2F), so "a-b/…" precedes "a/…".
        let c = FelixPolicyConversion.felixPolicy(for: Self.policy(name: "a-b", namespace: "n"))
        let d = FelixPolicyConversion.felixPolicy(for: Self.policy(name: "a", namespace: "n"))
        #expect(policyPrecedes(c, d))
    }

    @Test func invalidSelectorGivesInactivePolicy() {
        let policy = NetworkPolicy(
            metadata: ObjectMeta(name: "p", namespace: "ns"),
            spec: NetworkPolicySpec(podSelector: LabelSelector(matchLabels: ["k": "it's"])))
        let felix = FelixPolicyConversion.felixPolicy(for: policy)
        #expect(!felix.isValid)
        #expect(!felix.selector.matches(["k": "it's", "projectcalico.org/namespace": "ns"]))
        #expect(felix.policy.inboundRules.isEmpty && felix.ipSets.isEmpty)
    }

    @Test func deterministicAcrossRuns() throws {
        let policy = Self.policy(ingress: [NetworkPolicyIngressRule(
            ports: [NetworkPolicyPort(protocol: "TCP", port: .string("b")), NetworkPolicyPort(protocol: "TCP", port: .string("a"))],
            from: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["z": "1", "y": "2"]))])])
        let first = try KubeJSON.encodeString(FelixPolicySummary(FelixPolicyConversion.felixPolicy(for: policy)))
        for _ in 0..<5 {
            #expect(try KubeJSON.encodeString(FelixPolicySummary(FelixPolicyConversion.felixPolicy(for: policy))) == first)
        }
    }
}
