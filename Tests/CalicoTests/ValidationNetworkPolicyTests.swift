import Foundation
import Testing
@testable import Calico

@Suite struct ValidationNetworkPolicyTests {
    private func errors(_ policy: NetworkPolicy) -> [String] {
        KubeValidation.validate(.networkPolicy(policy)).map(\.description)
    }

    @Test func invalidCIDRMatchesTheAPIServerTranscript() throws {
        // shared/spec/kube-apiserver-transcripts/24-create-networkpolicy-invalid-cidr-422.json
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let transcript = url.appendingPathComponent("../shared/spec/kube-apiserver-transcripts/24-create-networkpolicy-invalid-cidr-422.json")
        // The transcript lives outside the package; fall back to the same body inline.
        let body: Data
        if let data = try? Data(contentsOf: transcript),
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let request = json["request"] as? [String: Any], let requestBody = request["body"] {
            body = try JSONSerialization.data(withJSONObject: requestBody)
        } else {
            body = Data(#"""
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"bad-np"},
             "spec":{"podSelector":{"matchLabels":{"app":"web"}},"policyTypes":["Ingress","Egress"],
             "ingress":[{"from":[{"podSelector":{"matchLabels":{"role":"client"}}},{"namespaceSelector":{"matchLabels":{"team":"a"}}},
               {"ipBlock":{"cidr":"10.0.0.0/33","except":["10.1.0.0/16"]}}],
               "ports":[{"protocol":"TCP","port":80},{"protocol":"TCP","port":8000,"endPort":8080}]}],
             "egress":[{"to":[{"podSelector":{}}],"ports":[{"protocol":"UDP","port":53}]}]}}
            """#.utf8)
        }
        let object = try KubeJSON.decode(KubeObject.self, from: body)
        #expect(KubeValidation.validate(object).map(\.description) == [
            #"spec.ingress[0].from[2].ipBlock.cidr: Invalid value: "10.0.0.0/33": not a valid CIDR"#,
        ])
    }

    @Test func portRules() {
        let policy = ValidationFixtures.ingressPolicy(ports: [
            NetworkPolicyPort(protocol: "ICMP", port: .int(0)),
            NetworkPolicyPort(port: .int(8080), endPort: 8000),
            NetworkPolicyPort(port: .int(80), endPort: 70000),
            NetworkPolicyPort(port: .string("http"), endPort: 90),
            NetworkPolicyPort(endPort: 90),
            NetworkPolicyPort(port: .string("a--b")),
            NetworkPolicyPort(port: .string("-web")),
            NetworkPolicyPort(port: .string("1234")),
            NetworkPolicyPort(port: .string("very-long-port-name")),
        ])
        #expect(errors(policy) == [
            #"spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP""#,
            "spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ingress[0].ports[1].endPort: Invalid value: 8000: must be greater than or equal to `port`",
            "spec.ingress[0].ports[2].endPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.ingress[0].ports[3].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
            "spec.ingress[0].ports[4].endPort: Invalid value: 90: may not be specified when `port` is not specified",
            #"spec.ingress[0].ports[5].port: Invalid value: "a--b": must not contain consecutive hyphens"#,
            #"spec.ingress[0].ports[6].port: Invalid value: "-web": must not begin or end with a hyphen"#,
            #"spec.ingress[0].ports[7].port: Invalid value: "1234": must contain at least one letter (a-z)"#,
            #"spec.ingress[0].ports[8].port: Invalid value: "very-long-port-name": must be no more than 15 characters"#,
        ])
    }

    @Test func peers() {
        let policy = ValidationFixtures.ingressPolicy(from: [
            NetworkPolicyPeer(),
            NetworkPolicyPeer(podSelector: LabelSelector(), ipBlock: IPBlock(cidr: "10.0.0.0/8")),
            NetworkPolicyPeer(ipBlock: IPBlock(cidr: "")),
        ])
        #expect(errors(policy) == [
            "spec.ingress[0].from[0]: Required value: must specify a peer",
            "spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer",
            "spec.ingress[0].from[2].ipBlock.cidr: Required value",
        ])
    }

    @Test func ipBlockExcepts() {
        let block = IPBlock(cidr: "10.0.0.0/16", except: [
            "10.0.1.0/24",      // fine
            "10.0.0.0/16",      // equal: not strict
            "10.1.0.0/24",      // outside
            "10.0.0.0/8",       // wider
            "fd00::/64",        // other family
            "10.0.2.0",         // not a CIDR
        ])
        let policy = ValidationFixtures.ingressPolicy(from: [NetworkPolicyPeer(ipBlock: block)])
        let path = "spec.ingress[0].from[0].ipBlock.except"
        #expect(errors(policy) == [
            #"\#(path)[1]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`"#,
            #"\#(path)[2]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`"#,
            #"\#(path)[3]: Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`"#,
            #"\#(path)[4]: Invalid value: "fd00::/64": must be a strict subset of `cidr`"#,
            #"\#(path)[5]: Invalid value: "10.0.2.0": not a valid CIDR"#,
        ])
        let v6 = ValidationFixtures.ingressPolicy(from: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "fd00::/48", except: ["fd00:0:0:1::/64", "::ffff:10.0.0.0/120"]))])
        #expect(errors(v6) == [
            #"spec.ingress[0].from[0].ipBlock.except[1]: Invalid value: "::ffff:10.0.0.0/120": must be a strict subset of `cidr`"#,
        ])
        // Host bits are allowed on this legacy field.
        #expect(errors(ValidationFixtures.ingressPolicy(from: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.1/8"))])) == [])
    }

    @Test func policyTypes() {
        var spec = NetworkPolicySpec(policyTypes: ["Ingress", "egress"])
        #expect(errors(ValidationFixtures.policy(spec: spec)) == [
            #"spec.policyTypes[1]: Unsupported value: "egress": supported values: "Ingress", "Egress""#,
        ])
        spec.policyTypes = ["Ingress", "Egress", "Ingress"]
        #expect(errors(ValidationFixtures.policy(spec: spec)).map { $0.hasSuffix("may not specify more than two policyTypes") } == [true])
    }

    @Test func selectorOperatorsAndValues() {
        let selector = LabelSelector(matchLabels: ["ok": "yes", "bad key!": "v"], matchExpressions: [
            LabelSelectorRequirement(key: "a", operator: "In", values: []),
            LabelSelectorRequirement(key: "b", operator: "Exists", values: ["x"]),
            LabelSelectorRequirement(key: "c", operator: "Equals", values: ["x"]),
            LabelSelectorRequirement(key: "d", operator: "NotIn", values: ["ok", "not ok"]),
            LabelSelectorRequirement(key: "e", operator: "DoesNotExist"),
        ])
        let spec = NetworkPolicySpec(podSelector: selector)
        let found = errors(ValidationFixtures.policy(spec: spec))
        #expect(found.count == 5)
        #expect(found[0].hasPrefix(#"spec.podSelector.matchLabels: Invalid value: "bad key!": name part must consist"#))
        #expect(found[1] == "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")
        #expect(found[2] == "spec.podSelector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")
        #expect(found[3] == #"spec.podSelector.matchExpressions[2].operator: Unsupported value: "Equals": supported values: "In", "NotIn", "Exists", "DoesNotExist""#)
        #expect(found[4].hasPrefix(#"spec.podSelector.matchExpressions[3].values[1]: Invalid value: "not ok": a valid label"#))
    }

    @Test func peerSelectorsAreCheckedInEgressToo() {
        let spec = NetworkPolicySpec(policyTypes: ["Egress"], egress: [NetworkPolicyEgressRule(
            ports: [NetworkPolicyPort(protocol: "SCTP", port: .int(99999))],
            to: [NetworkPolicyPeer(namespaceSelector: LabelSelector(matchExpressions: [
                LabelSelectorRequirement(key: "k", operator: "NotIn")]))])])
        #expect(errors(ValidationFixtures.policy(spec: spec)) == [
            "spec.egress[0].ports[0].port: Invalid value: 99999: must be between 1 and 65535, inclusive",
            "spec.egress[0].to[0].namespaceSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        ])
    }
}
