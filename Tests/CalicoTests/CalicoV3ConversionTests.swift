import Foundation
import Testing
@testable import Calico

/// Calico's own resources → Felix's view, on hand-worked examples (rule_scanner.go,
/// rule_convert.go, policy_sorter.go, networksetprocessor.go; see each file's sources).
@Suite struct CalicoV3ConversionTests {
    static func decode(_ json: String) throws -> V3Resource {
        try JSONDecoder().decode(V3Resource.self, from: Data(json.utf8))
    }

    static let gnp = #"""
    {"apiVersion":"crd.projectcalico.org/v1","kind":"GlobalNetworkPolicy","metadata":{"name":"sec.db"},
     "spec":{"tier":"sec","order":10.5,"selector":"role == 'db'","namespaceSelector":"all()","types":["Ingress","Egress"],
      "ingress":[
        {"action":"Pass","protocol":"TCP","source":{"selector":"app == 'fe'","notSelector":"bad == 'x'","ports":[80,"8000:8080","http"],"notPorts":["metrics"]}},
        {"action":"Deny","protocol":"ICMP","icmp":{"type":8,"code":0},"source":{"notSelector":"x == 'y'","nets":["10.0.0.5/24"],"notNets":["10.0.0.0/30"]}}],
      "egress":[
        {"action":"Log","protocol":17,"notProtocol":"tcp","destination":{"serviceAccounts":{"names":["b","a"],"selector":"team == 'x'"},"namespaceSelector":"global()","ports":["dns"]}}]}}
    """#

    @Test func globalPolicyRulesAsFelixSeesThem() throws {
        guard case .globalNetworkPolicy(let policy) = try Self.decode(Self.gnp) else {
            Issue.record("not a GlobalNetworkPolicy"); return
        }
        #expect(V3Validation.writeErrors(.globalNetworkPolicy(policy)).isEmpty)
        let felix = V3PolicyConversion.felixPolicy(for: policy)
        #expect(felix.isValid)
        #expect(felix.id == PolicyID(name: "sec.db", namespace: "", kind: "GlobalNetworkPolicy"))
        #expect(felix.tier == "sec" && felix.order == 10.5 && felix.appliesToIngress && felix.appliesToEgress)
        // namespaceSelector all() is any namespaced endpoint.
        #expect(felix.selector.canonical == #"(role == "db" && has(projectcalico.org/namespace))"#)

        // Rule 1: Pass is next-tier; the notSelector folds into the positive selector; numeric
        // ports keep the plain selector set; each named port (and named notPort) has its own set.
        let pass = felix.policy.inboundRules[0]
        #expect(pass.action == "next-tier" && pass.protocol == .name("tcp"))
        #expect(pass.srcPorts == [PortRange(80), PortRange(first: 8000, last: 8080)])
        let folded = try Selector(parsing: "(app == 'fe') && (!(bad == 'x'))")
        #expect(pass.srcIPSetIDs == [IPSetDefinition(selector: folded).id])
        #expect(pass.srcNamedPortIPSetIDs == [
            IPSetDefinition(selector: folded, namedPort: NamedPortMatch(protocol: "tcp", name: "http")).id])
        #expect(pass.notSrcNamedPortIPSetIDs == [
            IPSetDefinition(selector: folded, namedPort: NamedPortMatch(protocol: "tcp", name: "metrics")).id])
        #expect(pass.notSrcIPSetIDs.isEmpty && pass.originalNotSrcSelector == "bad == 'x'")

        // Rule 2: with no positive selector the notSelector gets its own set; ICMP implies IPv4.
        let deny = felix.policy.inboundRules[1]
        #expect(deny.action == "deny" && deny.ipVersion == .ipv4 && deny.icmp == ICMPMatch(type: 8, code: 0))
        let notXY = try Selector(parsing: "x == 'y'")
        #expect(deny.srcIPSetIDs.isEmpty && deny.notSrcIPSetIDs == [notXY.uniqueID])
        #expect(deny.srcNet == ["10.0.0.0/24"] && deny.notSrcNet == ["10.0.0.0/30"])

        // Egress: a numeric protocol stays a number; UDP named port; service accounts by name
        // and label, outside any namespace (global()).
        let log = felix.policy.outboundRules[0]
        #expect(log.action == "log" && log.protocol == .number(17) && log.notProtocol == .name("tcp"))
        #expect(log.dstServiceAccountMatch == ServiceAccountMatch(selector: "team == 'x'", names: ["b", "a"]))
        let accounts = try Selector(parsing:
            "(!has(projectcalico.org/namespace)) && ((pcsa.team == 'x') && (projectcalico.org/serviceaccount in {'a', 'b'}))")
        #expect(log.dstNamedPortIPSetIDs == [
            IPSetDefinition(selector: accounts, namedPort: NamedPortMatch(protocol: "udp", name: "dns")).id])
        #expect(log.dstIPSetIDs.isEmpty)
        #expect(felix.ipSets.count == 5)
        #expect(Set(felix.policy.inboundRules.flatMap(\.referencedIPSetIDs) + log.referencedIPSetIDs) == Set(felix.ipSets.map(\.id)))
    }

    @Test func namespacedPolicyScopesItsSelectors() throws {
        let policy = V3NetworkPolicy(namespace: "prod", name: "web", spec: V3PolicySpec(
            order: 2.5, selector: "app == 'web'", types: ["Egress"],
            egress: [V3Rule(action: .allow, destination: V3EntityRule(notSelector: "tier == 'db'"))],
            serviceAccountSelector: "team == 'blue'"))
        let felix = V3PolicyConversion.felixPolicy(for: policy)
        #expect(felix.id == PolicyID(name: "web", namespace: "prod", kind: "NetworkPolicy"))
        #expect(felix.tier == "default" && !felix.appliesToIngress && felix.appliesToEgress)
        #expect(felix.selector == (try Selector(parsing:
            "((app == 'web') && projectcalico.org/namespace == 'prod') && pcsa.team == 'blue'")))
        // A notSelector alone in a namespaced policy still joins the namespace selector.
        let rule = felix.policy.outboundRules[0]
        #expect(rule.dstIPSetIDs == [try Selector(parsing:
            "(projectcalico.org/namespace == 'prod') && (!(tier == 'db'))").uniqueID])
        #expect(rule.notDstIPSetIDs.isEmpty)
    }

    @Test func felixRejectsWhatItsValidatorRejectsButNotWhatOnlyTheCRDRefuses() {
        func spec(_ rule: V3Rule) -> V3PolicySpec { V3PolicySpec(ingress: [rule]) }
        let cases: [(String, V3Rule, felixAccepts: Bool, writeAccepted: Bool)] = [
            ("ports on ICMP", V3Rule(action: .allow, protocol: .name("ICMP"), destination: V3EntityRule(ports: [.named("x")])), false, false),
            ("unparseable notSelector", V3Rule(action: .allow, source: V3EntityRule(notSelector: "a ==")), false, false),
            ("unparseable service-account selector",
             V3Rule(action: .allow, source: V3EntityRule(serviceAccounts: V3ServiceAccountMatch(selector: "(("))), false, false),
            ("ICMP type 255", V3Rule(action: .allow, protocol: .name("ICMP"), icmp: V3ICMPFields(type: 255)), false, false),
            // CEL rules the CRD applies on write; Felix's validator has no such check.
            ("ICMP with ipVersion 6", V3Rule(action: .allow, ipVersion: 6, protocol: .name("ICMP")), true, false),
            ("ICMP fields without a protocol", V3Rule(action: .allow, icmp: V3ICMPFields(type: 0)), true, false),
            ("plain TCP", V3Rule(action: .deny, protocol: .name("TCP"), destination: V3EntityRule(ports: [.single(443)])), true, true),
        ]
        for (name, rule, felixAccepts, writeAccepted) in cases {
            let policy = V3GlobalNetworkPolicy(name: "p", spec: spec(rule))
            #expect(V3PolicyConversion.felixPolicy(for: policy).isValid == felixAccepts, "\(name)")
            #expect(V3Validation.writeErrors(.globalNetworkPolicy(policy)).isEmpty == writeAccepted, "\(name)")
        }
    }

    @Test func policyNamesAndTiersOnWrite() {
        func errors(_ name: String, global: Bool) -> [V3FieldError] { V3Validation.policyNameErrors(name, global: global) }
        #expect(errors("web", global: false).isEmpty && errors("sec.web", global: false).isEmpty)
        #expect(errors("knp.default.My.Name", global: false).count == 1)  // the subdomain part must be lower case
        #expect(errors("knp.default.my.name", global: false).isEmpty)
        #expect(!errors("a.b.c", global: true).isEmpty && !errors("Web", global: true).isEmpty)
        #expect(V3Validation.writeErrors(.tier(V3Tier(name: "sec", order: 1, defaultAction: "Allow")))
            == [V3FieldError("spec.defaultAction", "must be Deny or Pass, not 'Allow'")])
        let duplicate = V3NetworkPolicy(namespace: "prod", name: "p", spec: V3PolicySpec(types: ["Ingress", "Ingress"]))
        #expect(V3Validation.writeErrors(.networkPolicy(duplicate)) == [V3FieldError("spec.types", "'Ingress' type specified more than once")])
    }

    // MARK: Tiers (policy_sorter.go)

    static func policy(_ name: String, tier: String, order: Double?, ingress: Bool = true, egress: Bool = false) -> FelixPolicy {
        var spec = V3PolicySpec(tier: tier, order: order, types: (ingress ? ["Ingress"] : []) + (egress ? ["Egress"] : []))
        spec.selector = "all()"
        return V3PolicyConversion.felixPolicy(for: V3GlobalNetworkPolicy(name: name, spec: spec))
    }

    @Test func tiersThenOrderThenName() {
        let definitions = V3TierOrdering.definitions([
            V3Tier(name: "sec", order: 100, defaultAction: "Pass"),
            V3Tier(name: "late", order: nil),
            V3Tier(name: "default", order: 50),  // a resource replaces the built-in's order
        ])
        let matched = [
            Self.policy("z", tier: "default", order: nil),
            Self.policy("a", tier: "default", order: 1000),
            Self.policy("p10", tier: "sec", order: 10),
            Self.policy("p2", tier: "sec", order: 2.5),
            Self.policy("p2b", tier: "sec", order: 2.25, ingress: false, egress: true),
            Self.policy("g", tier: "ghost", order: 1),
            Self.policy("l", tier: "late", order: 1),
        ]
        let tiers = V3TierOrdering.tiers(for: matched, definitions: definitions)
        #expect(tiers.map(\.name) == ["default", "sec", "late", "ghost"])
        #expect(tiers.map(\.defaultAction) == ["Deny", "Pass", "Deny", ""])
        #expect(tiers[0].ingressPolicies.map(\.name) == ["a", "z"])
        // 2.25 < 2.5 < 10: a float order, not an integer one.
        #expect(tiers[1].ingressPolicies.map(\.name) == ["p2", "p10"])
        #expect(tiers[1].egressPolicies.map(\.name) == ["p2b"])
        // Equal orders fall back to "name/namespace/kind".
        let tied = V3TierOrdering.tiers(
            for: [Self.policy("b", tier: "sec", order: 1), Self.policy("a", tier: "sec", order: 1)], definitions: definitions)
        #expect(tied.first?.ingressPolicies.map(\.name) == ["a", "b"])
        #expect(V3TierOrdering.definitions([]).map(\.name) == ["kube-admin", "default", "kube-baseline"])
    }

    // MARK: Network sets (networksetprocessor.go, named_port_index.go)

    @Test func networkSetsAsFelixSeesThem() throws {
        let set = V3NetworkSet(namespace: "prod", name: "ext", labels: ["role": "ext"],
                               nets: ["10.1.2.3/16", "192.168.0.1", "bad", "0.0.0.0/0"])
        let felix = V3NetworkSetConversion.felixNetworkSet(for: set)
        #expect(felix.id == "prod/ext" && felix.profileIDs == ["kns.prod"])
        #expect(felix.labels == ["role": "ext", "projectcalico.org/namespace": "prod"])
        #expect(felix.nets.map(\.description) == ["10.1.0.0/16", "192.168.0.1/32", "0.0.0.0/0"])
        #expect(felix.memberCIDRs == ["0.0.0.0/1", "10.1.0.0/16", "128.0.0.0/1", "192.168.0.1/32"])
        // Namespace selectors reach it through the kns. profile's labels.
        let parent = ProfileConversion.namespaceProfile(for: Namespace(name: "prod", labels: ["env": "prod"]))
        let labels = InheritedLabels(own: felix.labels, parents: [parent.labels])
        let byNamespace = IPSetDefinition(selector: try Selector(parsing: "pcns.env == 'prod' && role == 'ext'"))
        #expect(felix.members(of: byNamespace, labels: labels) == felix.memberCIDRs)
        let named = IPSetDefinition(selector: .all, namedPort: NamedPortMatch(protocol: "tcp", name: "http"))
        #expect(felix.members(of: named, labels: labels).isEmpty)

        let global = V3NetworkSetConversion.felixNetworkSet(for: V3GlobalNetworkSet(name: "g", labels: ["a": "b"], nets: ["fd00::/0"]))
        #expect(global.id == "g" && global.profileIDs.isEmpty && global.labels == ["a": "b"])
        #expect(global.memberCIDRs == ["8000::/1", "::/1"])
        // global() in a rule's namespaceSelector reads "!has(projectcalico.org/namespace)".
        let outside = try Selector(parsing: V3RuleSelectors.v1Selector(of: V3EntityRule(namespaceSelector: "global()"), namespace: ""))
        #expect(outside.matches(InheritedLabels(own: global.labels, parents: [])))
        #expect(!outside.matches(labels))
        #expect(V3Validation.writeErrors(.networkSet(V3NetworkSet(
            namespace: "prod", name: "x", labels: ["projectcalico.org/namespace": "other"], nets: []))).count == 1)
    }

    @Test func resourcesRoundTripThroughJSON() throws {
        let resource = try Self.decode(Self.gnp)
        let again = try Self.decode(String(decoding: try KubeJSON.encode(resource), as: UTF8.self))
        #expect(again == resource)
        #expect(throws: V3Resource.NotACalicoResource.self) {
            try Self.decode(#"{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"x"}}"#)
        }
        let tier = try Self.decode(#"{"apiVersion":"projectcalico.org/v3","kind":"Tier","metadata":{"name":"sec"},"spec":{"order":100}}"#)
        guard case .tier(let decoded) = tier else { Issue.record("not a tier"); return }
        #expect(decoded.definition == TierDefinition(name: "sec", order: 100, defaultAction: "Deny"))
    }
}
