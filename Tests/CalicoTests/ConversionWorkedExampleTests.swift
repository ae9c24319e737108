import Foundation
import Testing
@testable import Calico

/// The worked example of felix-semantics.md §1.3: KNP prod/allow-fe, end to end.
@Suite struct ConversionWorkedExampleTests {
    static let policy = NetworkPolicy(
        metadata: ObjectMeta(name: "allow-fe", namespace: "prod"),
        spec: NetworkPolicySpec(
            podSelector: LabelSelector(matchLabels: ["app": "db"]),
            ingress: [NetworkPolicyIngressRule(
                ports: [NetworkPolicyPort(port: .int(5432))],
                from: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["role": "frontend"]))])]))

    @Test func v3Policy() {
        let result = PolicyConversion.toCalico(Self.policy)
        #expect(result.errors.isEmpty)
        let spec = result.policy.spec
        #expect(result.policy.metadata.name == "allow-fe")
        #expect(result.policy.metadata.namespace == "prod")
        #expect(spec.selector == "projectcalico.org/orchestrator == 'k8s' && app == 'db'")
        #expect(spec.order == 1000)
        #expect(spec.tier == "default")
        #expect(spec.types == ["Ingress"])
        #expect(spec.egress == nil)
        #expect(spec.ingress == [CalicoRule(
            action: "Allow", protocol: "TCP",
            source: CalicoEntityRule(selector: "projectcalico.org/orchestrator == 'k8s' && role == 'frontend'"),
            destination: CalicoEntityRule(ports: [.single(5432)]))])
    }

    @Test func felixView() {
        let felix = FelixPolicyConversion.felixPolicy(for: Self.policy)
        #expect(felix.isValid)
        #expect(felix.id == PolicyID(name: "allow-fe", namespace: "prod", kind: "KubernetesNetworkPolicy"))
        #expect(felix.selector.canonical
            == #"((projectcalico.org/orchestrator == "k8s" && app == "db") && projectcalico.org/namespace == "prod")"#)
        #expect(felix.policy.originalSelector == felix.selector.canonical)
        #expect(felix.order == 1000)
        #expect(felix.tier == "default")
        #expect(felix.policy.tier == "default")
        #expect(felix.policy.namespace == "prod")
        #expect(felix.appliesToIngress && !felix.appliesToEgress)
        #expect(felix.policy.outboundRules.isEmpty)
        let rules = felix.policy.inboundRules
        #expect(rules.count == 1)
        guard let rule = rules.first else { return }
        #expect(rule.action == "allow")
        #expect(rule.protocol == .name("tcp"))
        #expect(rule.ipVersion == .any)
        #expect(rule.dstPorts == [PortRange(5432)])
        #expect(rule.srcIPSetIDs == ["s:FxNUZVWb2qGtoM8yzogo6n_ZJJNgX-j8fHrd-w"])
        #expect(rule.dstIPSetIDs.isEmpty)
        #expect(rule.ruleID.isEmpty)
        #expect(rule.originalSrcSelector == "projectcalico.org/orchestrator == 'k8s' && role == 'frontend'")
        #expect(felix.ipSets.map(\.id) == ["s:FxNUZVWb2qGtoM8yzogo6n_ZJJNgX-j8fHrd-w"])
        #expect(felix.ipSets.first?.selector.canonical
            == #"(projectcalico.org/namespace == "prod" && (projectcalico.org/orchestrator == "k8s" && role == "frontend"))"#)
        #expect(felix.ipSets.first?.type == .net)
    }

    @Test func namespaceSelectorPeers() {
        func sourceSet(_ peer: NetworkPolicyPeer) -> String? {
            var policy = Self.policy
            policy.spec.ingress = [NetworkPolicyIngressRule(from: [peer])]
            return FelixPolicyConversion.felixPolicy(for: policy).ipSets.first?.selector.canonical
        }
        #expect(sourceSet(NetworkPolicyPeer(namespaceSelector: LabelSelector(matchLabels: ["team": "a"])))
            == #"(pcns.team == "a" && projectcalico.org/orchestrator == "k8s")"#)
        #expect(sourceSet(NetworkPolicyPeer(namespaceSelector: LabelSelector()))
            == #"(has(projectcalico.org/namespace) && projectcalico.org/orchestrator == "k8s")"#)
    }

    @Test func interfaceNameExample() {
        #expect(PodConversion.interfaceName(namespace: "prod", pod: "db-0") == "cali20aafc107a9")
    }
}
