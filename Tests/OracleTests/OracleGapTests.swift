import Calico
import Oracle
import Testing

/// The oracle's half of the gaps the independent oracle found (issue 16): service accounts
/// listed in a snapshot, and policies Felix's validator rejects.
@Suite struct OracleGapTests {
    static let local = "host-1"

    static func pod(_ name: String, account: String, labels: [String: String] = ["app": "db"], ip: String) -> KubeObject {
        .pod(Pod(
            metadata: ObjectMeta(name: name, namespace: "prod", labels: labels),
            spec: PodSpec(nodeName: local, serviceAccountName: account, containers: [Container(name: "c")]),
            status: PodStatus(phase: "Running", podIP: ip, podIPs: [PodIP(ip: ip)])))
    }

    /// Selects endpoints by an inherited service-account label.
    static let byTeam = KubeObject.networkPolicy(NetworkPolicy(
        metadata: ObjectMeta(name: "blue", namespace: "prod"),
        spec: NetworkPolicySpec(
            podSelector: LabelSelector(matchLabels: ["pcsa.team": "blue"]), policyTypes: ["Ingress"],
            ingress: [NetworkPolicyIngressRule(from: [
                NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["pcsa.team": "blue"]))])])))

    static let base: [KubeObject] = [
        .namespace(Namespace(name: "prod")),
        pod("a", account: "robot", ip: "10.0.0.1"),
        pod("b", account: "default", ip: "10.0.0.2"),
        byTeam,
    ]

    static func policyID(_ object: KubeObject) -> PolicyID {
        PolicyID(name: object.metadata.name, namespace: "prod", kind: "KubernetesNetworkPolicy")
    }

    @Test func withoutServiceAccountsEveryNamedAccountIsAssumed() {
        let state = Oracle.expectedState(of: ClusterSnapshot(objects: Self.base), localHost: Self.local)
        #expect(state.profiles[ProfileID(name: "ksa.prod.robot")] == Profile())
        #expect(state.profiles[ProfileID(name: "ksa.prod.default")] == Profile())
        #expect(state.policies.isEmpty)
    }

    @Test func listedAccountLabelsReachEndpointsAndUnlistedAccountsAreMissing() throws {
        let robot = KubeObject.serviceAccount(ServiceAccount(namespace: "prod", name: "robot", labels: ["team": "blue"]))
        let state = Oracle.expectedState(of: ClusterSnapshot(objects: Self.base + [robot]), localHost: Self.local)
        #expect(state.profiles[ProfileID(name: "ksa.prod.robot")] == Profile())
        // `default` is not in the list: Felix sends its profile with deny rules.
        #expect(state.profiles[ProfileID(name: "ksa.prod.default")] == ProfileConversion.missingProfile)
        // The inherited `pcsa.team` activates the policy for pod a only, and fills the IP set.
        #expect(Set(state.policies.keys) == [Self.policyID(Self.byTeam)])
        let endpointA = try #require(state.endpoints[WorkloadEndpointID(workloadID: "prod/a")])
        #expect(endpointA.tiers.first?.ingressPolicies == [Self.policyID(Self.byTeam)])
        #expect(state.endpoints[WorkloadEndpointID(workloadID: "prod/b")]?.tiers == [])
        #expect(state.ipSets.values.map(\.members) == [["10.0.0.1/32"]])
    }

    @Test func aPolicyFelixRejectsIsNeverActive() {
        let bad = KubeObject.networkPolicy(NetworkPolicy(
            metadata: ObjectMeta(name: "icmp", namespace: "prod"),
            spec: NetworkPolicySpec(
                podSelector: LabelSelector(), policyTypes: ["Ingress"],
                ingress: [NetworkPolicyIngressRule(ports: [NetworkPolicyPort(protocol: "ICMP", port: .string("http"))])])))
        let badNamespaces = KubeObject.networkPolicy(NetworkPolicy(
            metadata: ObjectMeta(name: "quote", namespace: "prod"),
            spec: NetworkPolicySpec(
                podSelector: LabelSelector(), policyTypes: ["Ingress"],
                ingress: [NetworkPolicyIngressRule(from: [
                    NetworkPolicyPeer(namespaceSelector: LabelSelector(matchLabels: ["area": "it's"]))])])))
        let state = Oracle.expectedState(
            of: ClusterSnapshot(objects: [.namespace(Namespace(name: "prod")), Self.pod("a", account: "default", ip: "10.0.0.1"), bad, badNamespaces]),
            localHost: Self.local)
        #expect(state.policies.isEmpty)
        #expect(state.ipSets.isEmpty)
        #expect(state.endpoints[WorkloadEndpointID(workloadID: "prod/a")]?.tiers == [])
    }
}
