import Foundation
import Testing
@testable import Calico

/// KNP → v3 conversion cases (spec §1.3 with §0 A4, A5, B1, B2, B6).
@Suite struct ConversionPolicyTests {
    static let orch = "projectcalico.org/orchestrator == 'k8s'"

    static func policy(
        podSelector: LabelSelector = LabelSelector(), types: [String]? = nil,
        ingress: [NetworkPolicyIngressRule]? = nil, egress: [NetworkPolicyEgressRule]? = nil
    ) -> NetworkPolicy {
        NetworkPolicy(
            metadata: ObjectMeta(name: "p", namespace: "ns"),
            spec: NetworkPolicySpec(podSelector: podSelector, policyTypes: types, ingress: ingress, egress: egress))
    }

    /// The ingress rules of a policy with one ingress rule made of these ports and peers.
    static func ingress(ports: [NetworkPolicyPort]? = nil, from: [NetworkPolicyPeer]? = nil) -> [CalicoRule] {
        PolicyConversion.toCalico(policy(ingress: [NetworkPolicyIngressRule(ports: ports, from: from)])).policy.spec.ingress ?? []
    }

    static func tcp(_ port: IntOrString, end: Int? = nil) -> NetworkPolicyPort {
        NetworkPolicyPort(protocol: "TCP", port: port, endPort: end)
    }

    // MARK: Endpoint selector

    @Test func emptyPodSelectorIsOrchestratorOnly() {
        #expect(PolicyConversion.toCalico(Self.policy()).policy.spec.selector == Self.orch)
    }

    @Test func matchLabelsSortedByKey() {
        let result = PolicyConversion.toCalico(Self.policy(podSelector: LabelSelector(matchLabels: ["z": "1", "a": "2", "B": "3"])))
        #expect(result.policy.spec.selector == "\(Self.orch) && B == '3' && a == '2' && z == '1'")
    }

    @Test func matchExpressionOperators() {
        let selector = LabelSelector(matchExpressions: [
            LabelSelectorRequirement(key: "a", operator: "In", values: ["x", "y"]),
            LabelSelectorRequirement(key: "b", operator: "NotIn", values: ["z"]),
            LabelSelectorRequirement(key: "c", operator: "Exists"),
            LabelSelectorRequirement(key: "d", operator: "DoesNotExist"),
            LabelSelectorRequirement(key: "e", operator: "Gt", values: ["1"]),
            LabelSelectorRequirement(key: "f", operator: "In", values: []),
        ])
        #expect(PolicyConversion.toCalico(Self.policy(podSelector: selector)).policy.spec.selector
            == "\(Self.orch) && a in { 'x', 'y' } && b not in { 'z' } && has(c) && ! has(d) && f in { '' }")
    }

    @Test func selectorTextParsesInFelix() throws {
        let selector = LabelSelector(matchLabels: ["app": "db"], matchExpressions: [
            LabelSelectorRequirement(key: "d", operator: "DoesNotExist"),
            LabelSelectorRequirement(key: "a", operator: "In", values: ["y", "x"]),
        ])
        let felix = FelixPolicyConversion.felixPolicy(for: Self.policy(podSelector: selector))
        #expect(felix.isValid)
        #expect(felix.selector.canonical
            == #"((projectcalico.org/orchestrator == "k8s" && app == "db" && !has(d) && a in {"x", "y"}) && projectcalico.org/namespace == "ns")"#)
    }

    // MARK: Types

    @Test func policyTypesVariants() {
        func types(_ declared: [String]?, egress: [NetworkPolicyEgressRule]? = nil) -> [String]? {
            PolicyConversion.toCalico(Self.policy(types: declared, egress: egress)).policy.spec.types
        }
        #expect(types(nil) == ["Ingress"])
        #expect(types([]) == ["Ingress"])
        #expect(types(["Egress"]) == ["Egress"])
        #expect(types(["Egress", "Ingress"]) == ["Ingress", "Egress"])
        #expect(types(["ingress"]) == ["Ingress"])  // wrong case is ignored, leaving the default
        // Egress rules without an Egress type are still converted, but the policy governs ingress only.
        let result = PolicyConversion.toCalico(Self.policy(types: nil, egress: [NetworkPolicyEgressRule()]))
        #expect(result.policy.spec.types == ["Ingress"])
        #expect(result.policy.spec.egress?.count == 1)
    }

    @Test func apiServerDefaulting() {
        #expect(Self.policy().defaultedByAPIServer.spec.policyTypes == ["Ingress"])
        #expect(Self.policy(egress: []).defaultedByAPIServer.spec.policyTypes == ["Ingress"])
        #expect(Self.policy(egress: [NetworkPolicyEgressRule()]).defaultedByAPIServer.spec.policyTypes == ["Ingress", "Egress"])
        #expect(Self.policy(types: ["Egress"], egress: [NetworkPolicyEgressRule()]).defaultedByAPIServer.spec.policyTypes == ["Egress"])
        let withPort = Self.policy(ingress: [NetworkPolicyIngressRule(ports: [NetworkPolicyPort(port: .int(80))])])
        #expect(withPort.defaultedByAPIServer.spec.ingress?.first?.ports?.first?.protocol == "TCP")
    }

    // MARK: Empty versus absent

    @Test func emptyIngressListVersusAbsentVersusAllowAll() {
        #expect(PolicyConversion.toCalico(Self.policy(ingress: [])).policy.spec.ingress == nil)
        #expect(PolicyConversion.toCalico(Self.policy(ingress: nil)).policy.spec.ingress == nil)
        // `ingress: [{}]`: one rule allowing everything.
        #expect(Self.ingress() == [CalicoRule(action: "Allow")])
        #expect(Self.ingress(ports: [], from: []) == [CalicoRule(action: "Allow")])
    }

    // MARK: Ports

    @Test func emptyPortEntryMeansAllTCP() {
        #expect(Self.ingress(ports: [NetworkPolicyPort()]) == [CalicoRule(action: "Allow", protocol: "TCP")])
    }

    @Test func allPortsIsNeverNarrowedByLaterPorts() {
        // projectcalico/calico#4373: [{}, {port: 80}] is all TCP, not port 80.
        #expect(Self.ingress(ports: [NetworkPolicyPort(), Self.tcp(.int(80))]) == [CalicoRule(action: "Allow", protocol: "TCP")])
        // ... and a later port-less entry widens an earlier list.
        #expect(Self.ingress(ports: [Self.tcp(.int(80)), NetworkPolicyPort(protocol: "TCP")]) == [CalicoRule(action: "Allow", protocol: "TCP")])
    }

    @Test func numberAndStringNumberArePorts() {
        #expect(Self.ingress(ports: [Self.tcp(.int(80))]).first?.destination.ports == [.single(80)])
        #expect(Self.ingress(ports: [Self.tcp(.string("80"))]).first?.destination.ports == [.single(80)])
        #expect(Self.ingress(ports: [Self.tcp(.int(-5))]).first?.destination.ports == [.named("-5")])
    }

    @Test func namedPortsAndEndPort() {
        #expect(Self.ingress(ports: [Self.tcp(.string("http"))]).first?.destination.ports == [.named("http")])
        #expect(Self.ingress(ports: [Self.tcp(.int(80), end: 90)]).first?.destination.ports == [.range(min: 80, max: 90)])
    }

    @Test func simplifyPortsCases() {
        func ports(_ entries: [NetworkPolicyPort]) -> [CalicoPort]? { Self.ingress(ports: entries).first?.destination.ports }
        // §0 A4 examples.
        #expect(ports([Self.tcp(.int(80), end: 82), Self.tcp(.string("foo"))]) == [.named("foo"), .range(min: 80, max: 82)])
        #expect(ports([Self.tcp(.int(80)), Self.tcp(.string("foo"))]) == [.single(80), .named("foo")])
        #expect(ports([Self.tcp(.int(80), end: 82)]) == [.range(min: 80, max: 82)])
        #expect(ports([Self.tcp(.int(80)), Self.tcp(.int(80))]) == [.single(80)])
        // Coalescing and sorting.
        #expect(ports([Self.tcp(.int(9090)), Self.tcp(.int(81)), Self.tcp(.int(80)), Self.tcp(.int(82)), Self.tcp(.string("b")), Self.tcp(.string("a"))])
            == [.named("b"), .named("a"), .range(min: 80, max: 82), .single(9090)])
        #expect(ports([Self.tcp(.int(80), end: 85), Self.tcp(.int(83), end: 90)]) == [.range(min: 80, max: 90)])
    }

    @Test func protocolsGroupAndSortProtocolMajorPeerMinor() {
        let a = NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["r": "a"]))
        let b = NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["r": "b"]))
        let rules = Self.ingress(
            ports: [NetworkPolicyPort(protocol: "UDP", port: .int(53)), Self.tcp(.int(80)),
                    NetworkPolicyPort(protocol: "SCTP", port: .int(9)), NetworkPolicyPort(protocol: "tcp", port: .int(81))],
            from: [a, b])
        #expect(rules.map { $0.protocol ?? "" } == ["SCTP", "SCTP", "TCP", "TCP", "UDP", "UDP"])
        #expect(rules.map { $0.source.selector ?? "" } == Array(repeating: ["\(Self.orch) && r == 'a'", "\(Self.orch) && r == 'b'"], count: 3).flatMap { $0 })
        // "tcp" groups with "TCP" (case-insensitive protocol names).
        #expect(rules[2].destination.ports == [.range(min: 80, max: 81)])
    }

    @Test func badPortDropsOnlyItsRule() {
        let policy = Self.policy(
            ingress: [
                NetworkPolicyIngressRule(ports: [Self.tcp(.int(80))]),
                NetworkPolicyIngressRule(ports: [Self.tcp(.int(443)), Self.tcp(.int(70000))]),
                NetworkPolicyIngressRule(ports: [Self.tcp(.int(8080))]),
            ],
            egress: [NetworkPolicyEgressRule(ports: [Self.tcp(.string("http"), end: 90)])])
        let result = PolicyConversion.toCalico(policy)
        #expect(result.policy.spec.ingress?.compactMap { $0.destination.ports?.first } == [.single(80), .single(8080)])
        #expect(result.policy.spec.egress == nil)
        #expect(result.errors == [
            RuleConversionError(direction: "ingress", index: 1,
                reason: "k8s rule couldn't be converted: failed to parse k8s port: invalid port 70000: invalid port format (70000)"),
            RuleConversionError(direction: "egress", index: 0,
                reason: "k8s rule couldn't be converted: failed to parse k8s port: invalid port http:90: invalid name for named port (http:90)"),
        ])
        #expect(result.errors[0].description.hasPrefix("spec.ingress[1] dropped: "))
    }

    @Test func badRangesAndNames() {
        func reason(_ port: NetworkPolicyPort) -> String? {
            PolicyConversion.toCalico(Self.policy(ingress: [NetworkPolicyIngressRule(ports: [port])])).errors.first?.reason
        }
        #expect(reason(Self.tcp(.int(90), end: 80))?.hasSuffix("minimum port number (90) is greater than maximum port number (80) in port range") == true)
        #expect(reason(Self.tcp(.int(80), end: 70000))?.hasSuffix("invalid maximum port number in range (80:70000)") == true)
        #expect(reason(Self.tcp(.string("")))?.hasSuffix("invalid name for named port ()") == true)
        #expect(reason(Self.tcp(.string(String(repeating: "a", count: 129)))) != nil)
        #expect(reason(Self.tcp(.string(String(repeating: "a", count: 128)))) == nil)
    }

    // MARK: Peers

    @Test func peerKinds() {
        let rules = Self.ingress(from: [
            NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["a": "1"])),
            NetworkPolicyPeer(namespaceSelector: LabelSelector(matchLabels: ["team": "x"])),
            NetworkPolicyPeer(podSelector: LabelSelector(), namespaceSelector: LabelSelector()),
            NetworkPolicyPeer(),
            NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.7/8")),
        ])
        #expect(rules.map(\.source) == [
            CalicoEntityRule(selector: "\(Self.orch) && a == '1'"),
            CalicoEntityRule(selector: Self.orch, namespaceSelector: "team == 'x'"),
            CalicoEntityRule(selector: Self.orch, namespaceSelector: "all()"),
            CalicoEntityRule(selector: Self.orch),
            CalicoEntityRule(nets: ["10.0.0.0/8"]),
        ])
        #expect(rules.allSatisfy { $0.protocol == nil && $0.destination.isEmpty })
    }

    @Test func ipBlockMaskingAndBadExcept() {
        func source(_ block: IPBlock) -> CalicoEntityRule? { Self.ingress(from: [NetworkPolicyPeer(ipBlock: block)]).first?.source }
        #expect(source(IPBlock(cidr: "fd00::1:2/64", except: ["fd00::1:0/112"]))
            == CalicoEntityRule(nets: ["fd00::/64"], notNets: ["fd00::1:0/112"]))
        // A bad except keeps what came before it (§0 A5); a bad cidr leaves the side unrestricted.
        #expect(source(IPBlock(cidr: "10.0.0.0/8", except: ["10.1.0.0/16", "bogus", "10.2.0.0/16"]))
            == CalicoEntityRule(nets: ["10.0.0.0/8"], notNets: ["10.1.0.0/16"]))
        #expect(source(IPBlock(cidr: "10.0.0.1")) == CalicoEntityRule())
        // ipBlock wins over selectors in the same peer.
        #expect(Self.ingress(from: [NetworkPolicyPeer(podSelector: LabelSelector(), ipBlock: IPBlock(cidr: "1.2.3.4/32"))]).first?.source
            == CalicoEntityRule(nets: ["1.2.3.4/32"]))
    }

    @Test func egressPeersGoToDestination() {
        let policy = Self.policy(types: ["Egress"], egress: [NetworkPolicyEgressRule(
            ports: [Self.tcp(.int(53))], to: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["k": "v"]))])])
        let rules = PolicyConversion.toCalico(policy).policy.spec.egress
        #expect(rules == [CalicoRule(action: "Allow", protocol: "TCP",
            destination: CalicoEntityRule(selector: "\(Self.orch) && k == 'v'", ports: [.single(53)]))])
    }

    @Test func namespaceSelectorWithOnlyUnknownOperatorIsEmpty() {
        let peer = NetworkPolicyPeer(namespaceSelector: LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "k", operator: "Bogus")]))
        #expect(Self.ingress(from: [peer]).first?.source == CalicoEntityRule(selector: Self.orch))
    }

    // MARK: JSON

    @Test func jsonUsesCalicoFieldNamesAndPortForms() throws {
        let rules = Self.ingress(ports: [Self.tcp(.int(80), end: 82), Self.tcp(.string("http")), NetworkPolicyPort(protocol: "UDP", port: .int(53))])
        let json = try KubeJSON.encodeString(rules)
        #expect(json.contains(#""ports":["http","80:82"]"#))
        #expect(json.contains(#""ports":[53]"#))
        #expect(json.contains(#""source":{}"#))
        let policy = PolicyConversion.toCalico(Self.policy(ingress: [NetworkPolicyIngressRule()])).policy
        let text = try KubeJSON.encodeString(policy)
        #expect(text.hasPrefix(#"{"apiVersion":"projectcalico.org/v3","kind":"NetworkPolicy","metadata":{"name":"p","namespace":"ns"},"spec":{"ingress":[{"action":"Allow","destination":{},"source":{}}],"order":1000,"#))
        let back = try KubeJSON.decode(CalicoNetworkPolicy.self, from: Data(text.utf8))
        #expect(back == policy)
    }
}
