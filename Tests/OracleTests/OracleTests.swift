import Foundation
import Testing
import Calico
@testable import Oracle

@Suite struct OracleTests {
    typealias F = OracleFixtures
    let snapshot = F.cluster
    var state: DataplaneState { Oracle.expectedState(of: snapshot, localHost: F.localHost) }

    @Test func onlyLocalEndpointsAndInSync() {
        let state = self.state
        #expect(state.inSync)
        #expect(state.endpoints.keys.sorted() == [F.endpointID("dev", "client-2"), F.endpointID("prod", "db-1"), F.endpointID("prod", "web-1")])
        let web = state.endpoints[F.endpointID("prod", "web-1")]
        #expect(web?.profileIDs == ["kns.prod", "ksa.prod.default"])
        #expect(web?.ipv4Nets == ["10.0.0.1/32"])
        #expect(web?.name == PodConversion.interfaceName(namespace: "prod", pod: "web-1"))
    }

    @Test func activePoliciesAreThoseSelectingALocalEndpoint() {
        #expect(state.policies.keys.sorted() == [
            F.policyID("prod", "allow-from-dev"), F.policyID("prod", "db-from-web"), F.policyID("prod", "default-deny"),
        ])
        // The remote-only policy is inactive, and so is its IP set.
        let remoteOnly = F.felixPolicy(snapshot, "dev", "remote-only")
        #expect(remoteOnly?.ipSets.isEmpty == false)
        for definition in remoteOnly?.ipSets ?? [] {
            #expect(state.ipSets[definition.id] == nil)
        }
        // Policies carry the converted proto policy unchanged.
        #expect(state.policies[F.policyID("prod", "db-from-web")] == F.felixPolicy(snapshot, "prod", "db-from-web")?.policy)
    }

    @Test func endpointTiersInPolicyOrder() {
        let web = state.endpoints[F.endpointID("prod", "web-1")]
        #expect(web?.tiers == [TierInfo(name: "default",
            ingressPolicies: [F.policyID("prod", "allow-from-dev"), F.policyID("prod", "default-deny")],
            egressPolicies: [], defaultAction: "Deny")])
        let db = state.endpoints[F.endpointID("prod", "db-1")]
        #expect(db?.tiers.first?.ingressPolicies == [F.policyID("prod", "db-from-web"), F.policyID("prod", "default-deny")])
        // A local endpoint no policy selects still gets an endpoint, with no tiers.
        #expect(state.endpoints[F.endpointID("dev", "client-2")]?.tiers == [])
    }

    @Test func defaultDenyListsThePolicyWithoutIPSets() throws {
        let deny = try #require(F.felixPolicy(snapshot, "prod", "default-deny"))
        #expect(deny.ipSets.isEmpty)
        #expect(deny.policy.inboundRules.isEmpty)
        // Every prod endpoint on this host lists it.
        for pod in ["web-1", "db-1"] {
            #expect(state.endpoints[F.endpointID("prod", pod)]?.referencedPolicies.contains(deny.id) == true)
        }
    }

    @Test func namespaceLabelsReachMembersThroughProfiles() throws {
        let policy = try #require(F.felixPolicy(snapshot, "prod", "allow-from-dev"))
        let set = try #require(policy.ipSets.first)
        #expect(set.selector.canonical.contains("pcns.env"))
        // Both dev pods, local and remote, and no prod pod.
        #expect(state.ipSets[set.id] == IPSetState(type: .net, members: ["10.0.1.1/32", "10.0.1.2/32"]))
    }

    @Test func namedPortMembersCoverRemotePods() throws {
        let policy = try #require(F.felixPolicy(snapshot, "prod", "db-from-web"))
        let named = try #require(policy.ipSets.first { $0.type == .ipAndPort })
        #expect(state.ipSets[named.id]?.type == .ipAndPort)
        // Ingress named ports are on the destination (the db pods), which have no "http" port;
        // whatever the set holds is exactly what the endpoints contribute.
        var expected = Set<String>()
        for case .pod(let pod) in F.pods {
            guard let endpoint = PodConversion.endpoint(for: pod) else { continue }
            let labels = InheritedLabels(own: endpoint.labels, parents: [
                ProfileConversion.namespaceProfile(for: Namespace(name: pod.namespace, labels: pod.namespace == "prod" ? ["env": "prod"] : ["env": "dev"])).labels,
                ProfileConversion.serviceAccountProfile(namespace: pod.namespace, name: "default").labels,
            ])
            expected.formUnion(named.members(of: endpoint, labels: labels))
        }
        #expect(state.ipSets[named.id]?.members == expected)
        // Every IP set of every active policy is present, and no other.
        let referenced = Set(state.policies.values.flatMap { ($0.inboundRules + $0.outboundRules).flatMap(\.referencedIPSetIDs) })
        #expect(Set(state.ipSets.keys) == referenced)
    }

    @Test func sharedIPSetsAppearOnceAndSameIPGivesOneMember() throws {
        var snapshot = self.snapshot
        // A second policy with the same peer: the same IP set ID.
        snapshot.apply(.put(.networkPolicy(F.policy("prod", "also-from-dev", selecting: ["app": "db"],
            ingress: [NetworkPolicyIngressRule(from: [F.fromDev])]))))
        // A second dev pod with client-1's address.
        snapshot.apply(.put(.pod(F.pod("dev", "client-3", node: F.remoteHost, ip: "10.0.1.1", labels: ["app": "client"]))))
        let state = Oracle.expectedState(of: snapshot, localHost: F.localHost)
        let first = try #require(F.felixPolicy(snapshot, "prod", "allow-from-dev")?.ipSets.first)
        let second = try #require(F.felixPolicy(snapshot, "prod", "also-from-dev")?.ipSets.first)
        #expect(first.id == second.id)
        #expect(state.policies[F.policyID("prod", "also-from-dev")] != nil)
        #expect(state.ipSets[first.id]?.members == ["10.0.1.1/32", "10.0.1.2/32"])
    }

    @Test func finishedPodIsExcluded() {
        var snapshot = self.snapshot
        snapshot.apply(.put(.pod(F.pod("prod", "job-1", node: F.localHost, ip: "10.0.0.9", labels: ["app": "web"], phase: "Succeeded"))))
        let state = Oracle.expectedState(of: snapshot, localHost: F.localHost)
        #expect(state.endpoints[F.endpointID("prod", "job-1")] == nil)
        #expect(!state.ipSets.values.contains { $0.members.contains("10.0.0.9/32") })
        #expect(state == self.state)
    }

    @Test func missingNamespaceGivesADenyProfileWithoutLabels() {
        var snapshot = self.snapshot
        snapshot.apply(.put(.pod(F.pod("ghost", "lost", node: F.localHost, ip: "10.0.9.9", labels: ["env": "dev"]))))
        let state = Oracle.expectedState(of: snapshot, localHost: F.localHost)
        #expect(state.profiles[ProfileID(name: "kns.ghost")] == ProfileConversion.missingProfile)
        // The service account is assumed to exist: an empty profile.
        #expect(state.profiles[ProfileID(name: "ksa.ghost.default")] == Profile())
        #expect(state.profiles[ProfileID(name: "kns.prod")]?.inboundRules.map(\.action) == ["allow"])
        // Its own label env=dev is not a namespace label: the pcns. set does not take it.
        let set = F.felixPolicy(snapshot, "prod", "allow-from-dev")?.ipSets.first
        #expect(state.ipSets[set?.id ?? ""]?.members.contains("10.0.9.9/32") == false)
    }

    @Test func activeProfilesAreThoseOfLocalEndpoints() {
        #expect(state.profiles.keys.map(\.name).sorted() == ["kns.dev", "kns.prod", "ksa.dev.default", "ksa.prod.default"])
        // A namespace with only remote pods gives no active profile.
        var snapshot = self.snapshot
        snapshot.apply(.put(.namespace(Namespace(name: "far"))))
        snapshot.apply(.put(.pod(F.pod("far", "p", node: F.remoteHost, ip: "10.0.5.5", labels: [:]))))
        let state = Oracle.expectedState(of: snapshot, localHost: F.localHost)
        #expect(state.profiles[ProfileID(name: "kns.far")] == nil)
    }

    @Test func egressTypesSplitTheTierLists() {
        var snapshot = self.snapshot
        snapshot.apply(.put(.networkPolicy(F.policy("prod", "egress-only", selecting: ["app": "web"], types: ["Egress"],
            egress: [NetworkPolicyEgressRule(to: [F.fromDev])]))))
        let state = Oracle.expectedState(of: snapshot, localHost: F.localHost)
        let tier = state.endpoints[F.endpointID("prod", "web-1")]?.tiers.first
        #expect(tier?.ingressPolicies == [F.policyID("prod", "allow-from-dev"), F.policyID("prod", "default-deny")])
        #expect(tier?.egressPolicies == [F.policyID("prod", "egress-only")])
    }

    @Test func theExpectedStateIsAValidStreamEndState() throws {
        // Replaying the state as a Felix flush (sets, policies, profiles, endpoints, InSync)
        // breaks no stream guarantee and rebuilds the same state.
        let state = self.state
        var messages: [FelixMessage] = []
        for id in state.ipSets.keys.sorted() {
            let set = state.ipSets[id]!
            messages.append(.ipSetUpdate(IPSetUpdate(id: id, members: set.members.sorted(), type: set.type)))
        }
        for id in state.policies.keys.sorted() { messages.append(.activePolicyUpdate(id: id, policy: state.policies[id]!)) }
        for id in state.profiles.keys.sorted() { messages.append(.activeProfileUpdate(id: id, profile: state.profiles[id]!)) }
        for id in state.endpoints.keys.sorted() { messages.append(.workloadEndpointUpdate(id: id, endpoint: state.endpoints[id]!)) }
        messages.append(.inSync)
        var rebuilt = DataplaneState()
        try rebuilt.apply(contentsOf: messages)
        #expect(rebuilt == state)
    }

    @Test func deterministicJSONAndNoCrashOnOddSnapshots() throws {
        #expect(try KubeJSON.encodeString(state) == KubeJSON.encodeString(Oracle.expectedState(of: F.cluster, localHost: F.localHost)))
        let empty = Oracle.expectedState(of: ClusterSnapshot(), localHost: "nowhere")
        #expect(empty.inSync && empty.endpoints.isEmpty && empty.ipSets.isEmpty)
        // Odd but decodable objects: unscheduled, host-networked, IP-less and bad-IP pods; a
        // policy with an empty peer and a bad CIDR.
        var odd = ClusterSnapshot()
        odd.apply(.put(.pod(F.pod("x", "unscheduled", node: nil, ip: "10.0.0.1", labels: [:]))))
        var host = F.pod("x", "host", node: F.localHost, ip: "10.0.0.2", labels: [:])
        host.spec.hostNetwork = true
        odd.apply(.put(.pod(host)))
        odd.apply(.put(.pod(F.pod("x", "no-ip", node: F.localHost, ip: nil, labels: [:]))))
        odd.apply(.put(.pod(F.pod("x", "bad-ip", node: F.localHost, ip: "10.0.0.300", labels: [:], serviceAccount: nil))))
        odd.apply(.put(.pod(F.pod("x", "ok", node: F.localHost, ip: "fd00::1", labels: ["a": ""], serviceAccount: nil))))
        odd.apply(.put(.networkPolicy(F.policy("x", "odd", selecting: [:], ingress: [NetworkPolicyIngressRule(
            ports: [NetworkPolicyPort(port: .int(-5)), NetworkPolicyPort(port: .string("http"), endPort: 9)],
            from: [NetworkPolicyPeer(), NetworkPolicyPeer(ipBlock: IPBlock(cidr: "bogus", except: ["also bogus"]))])]))))
        let state = Oracle.expectedState(of: odd, localHost: F.localHost)
        #expect(state.endpoints.keys.map(\.workloadID) == ["x/ok"])
        #expect(state.endpoints[F.endpointID("x", "ok")]?.profileIDs == ["kns.x"])
        #expect(state.profiles[ProfileID(name: "kns.x")] == ProfileConversion.missingProfile)
    }
}
