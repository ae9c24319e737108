import Foundation
import Testing
@testable import Calico

/// Small Felix values for DataplaneState tests.
enum Felix {
    static let policyA = PolicyID(name: "a", namespace: "prod", kind: "KubernetesNetworkPolicy")
    static let policyB = PolicyID(name: "b", namespace: "prod", kind: "KubernetesNetworkPolicy")
    static let profile = ProfileID(name: "kns.prod")
    static let endpointID = WorkloadEndpointID(workloadID: "prod/web-1")

    static func policy(srcIPSet: String? = nil) -> Policy {
        var policy = Policy()
        policy.namespace = "prod"
        policy.tier = "default"
        var rule = Rule(action: "allow")
        if let srcIPSet { rule.srcIPSetIDs = [srcIPSet] }
        policy.inboundRules = [rule]
        return policy
    }

    static func endpoint(policies: [PolicyID] = [], profiles: [String] = ["kns.prod"]) -> WorkloadEndpoint {
        var endpoint = WorkloadEndpoint()
        endpoint.name = "cali12345678901"
        endpoint.profileIDs = profiles
        endpoint.ipv4Nets = ["10.0.0.5/32"]
        if !policies.isEmpty {
            endpoint.tiers = [TierInfo(name: "default", ingressPolicies: policies, egressPolicies: [], defaultAction: "Deny")]
        }
        return endpoint
    }

    /// A valid stream: set, policy, profile, endpoint, InSync.
    static var goodStream: [FelixMessage] {
        [
            .ipSetUpdate(IPSetUpdate(id: "s:one", members: ["10.0.0.1/32", "10.0.0.2/32"], type: .net)),
            .activePolicyUpdate(id: policyA, policy: policy(srcIPSet: "s:one")),
            .activeProfileUpdate(id: profile, profile: Profile(inboundRules: [Rule(action: "allow")], outboundRules: [Rule(action: "allow")])),
            .workloadEndpointUpdate(id: endpointID, endpoint: endpoint(policies: [policyA])),
            .inSync,
        ]
    }
}

@Suite struct DataplaneStateStreamTests {
    private func state(after messages: [FelixMessage]) throws -> DataplaneState {
        var state = DataplaneState()
        try state.apply(contentsOf: messages)
        return state
    }

    /// The kind of the violation the stream raises, or nil if it is accepted.
    private func violation(_ messages: [FelixMessage]) -> StreamViolation? {
        var state = DataplaneState()
        do {
            try state.apply(contentsOf: messages)
            return nil
        } catch {
            return error
        }
    }

    @Test func goodStreamBuildsTheState() throws {
        let state = try state(after: Felix.goodStream)
        #expect(state.inSync)
        #expect(state.ipSets["s:one"] == IPSetState(type: .net, members: ["10.0.0.1/32", "10.0.0.2/32"]))
        #expect(state.policies.keys.sorted() == [Felix.policyA])
        #expect(state.profiles.keys.sorted() == [Felix.profile])
        #expect(state.endpoints[Felix.endpointID]?.tiers.first?.ingressPolicies == [Felix.policyA])
    }

    @Test func teardownInFelixOrderIsAccepted() throws {
        let teardown: [FelixMessage] = [
            .workloadEndpointRemove(id: Felix.endpointID),
            .activeProfileRemove(id: Felix.profile),
            .activePolicyRemove(id: Felix.policyA),
            .ipSetRemove(id: "s:one"),
        ]
        let state = try state(after: Felix.goodStream + teardown)
        #expect(state.ipSets.isEmpty && state.policies.isEmpty && state.profiles.isEmpty && state.endpoints.isEmpty)
    }

    @Test func deltasAndReplacements() throws {
        var state = try state(after: Felix.goodStream)
        try state.apply(.ipSetDeltaUpdate(IPSetDeltaUpdate(id: "s:one", addedMembers: ["10.0.0.3/32"], removedMembers: ["10.0.0.1/32"])))
        #expect(state.ipSets["s:one"]?.members == ["10.0.0.2/32", "10.0.0.3/32"])
        // A full update for a set already present replaces it.
        try state.apply(.ipSetUpdate(IPSetUpdate(id: "s:one", members: ["10.0.0.9/32"], type: .net)))
        #expect(state.ipSets["s:one"]?.members == ["10.0.0.9/32"])
    }

    @Test func endpointBeforeInSyncIsNotAViolationHere() {
        #expect(violation(Array(Felix.goodStream.dropLast())) == nil)
    }

    @Test func unmodelledMessagesAreIgnored() throws {
        #expect(try state(after: [.unmodelled(field: 9)]) == DataplaneState())
    }

    @Test(arguments: [
        ("ipset-duplicate-member", [FelixMessage.ipSetUpdate(IPSetUpdate(id: "s:x", members: ["a", "b", "a"], type: .net))]),
        ("ipset-delta-unknown", [.ipSetDeltaUpdate(IPSetDeltaUpdate(id: "s:x", addedMembers: ["a"]))]),
        ("ipset-add-present", [.ipSetUpdate(IPSetUpdate(id: "s:x", members: ["a"], type: .net)),
                               .ipSetDeltaUpdate(IPSetDeltaUpdate(id: "s:x", addedMembers: ["a"]))]),
        ("ipset-remove-absent", [.ipSetUpdate(IPSetUpdate(id: "s:x", members: ["a"], type: .net)),
                                 .ipSetDeltaUpdate(IPSetDeltaUpdate(id: "s:x", removedMembers: ["b"]))]),
        ("ipset-remove-unknown", [.ipSetRemove(id: "s:x")]),
        ("ipset-remove-referenced", Array(Felix.goodStream.prefix(2)) + [.ipSetRemove(id: "s:one")]),
        ("policy-ipset-unknown", [.activePolicyUpdate(id: Felix.policyA, policy: Felix.policy(srcIPSet: "s:never"))]),
        ("profile-ipset-unknown", [.activeProfileUpdate(id: Felix.profile, profile: Profile(inboundRules: [{ var r = Rule(action: "allow"); r.dstIPSetIDs = ["s:never"]; return r }()]))]),
        ("policy-remove-unknown", [.activePolicyRemove(id: Felix.policyB)]),
        ("policy-remove-referenced", Felix.goodStream + [.activePolicyRemove(id: Felix.policyA)]),
        ("profile-remove-unknown", [.activeProfileRemove(id: Felix.profile)]),
        ("profile-remove-referenced", Felix.goodStream + [.activeProfileRemove(id: Felix.profile)]),
        ("endpoint-policy-inactive", [.activeProfileUpdate(id: Felix.profile, profile: Profile()),
                                      .workloadEndpointUpdate(id: Felix.endpointID, endpoint: Felix.endpoint(policies: [Felix.policyB]))]),
        ("endpoint-profile-inactive", [.workloadEndpointUpdate(id: Felix.endpointID, endpoint: Felix.endpoint(profiles: ["kns.prod"]))]),
        ("endpoint-remove-unknown", [.workloadEndpointRemove(id: Felix.endpointID)]),
    ])
    func everyViolationKindIsCaught(kind: String, stream: [FelixMessage]) {
        let found = violation(stream)
        #expect(found?.kind == kind)
        #expect(found?.messageIndex == stream.count - 1, "the last message is the bad one")
        #expect((found?.message.isEmpty) == false)
    }

    @Test func everyKindHasATest() {
        // Keep this list in step with the arguments above.
        let tested: Set<String> = [
            "ipset-duplicate-member", "ipset-delta-unknown", "ipset-add-present", "ipset-remove-absent",
            "ipset-remove-unknown", "ipset-remove-referenced", "policy-ipset-unknown", "profile-ipset-unknown",
            "policy-remove-unknown", "policy-remove-referenced", "profile-remove-unknown",
            "profile-remove-referenced", "endpoint-policy-inactive", "endpoint-profile-inactive",
            "endpoint-remove-unknown",
        ]
        #expect(Set(StreamViolation.Kind.allCases.map(\.rawValue)) == tested)
    }

    @Test func aViolationLeavesTheStateUnchanged() throws {
        var state = try state(after: Felix.goodStream)
        let before = state
        #expect(throws: StreamViolation.self) {
            try state.apply(.ipSetDeltaUpdate(IPSetDeltaUpdate(id: "s:one", addedMembers: ["10.0.0.7/32"], removedMembers: ["nope"])))
        }
        #expect(state == before)
    }

    @Test func violationMessagesNameTheObject() {
        let found = violation(Felix.goodStream + [.activePolicyRemove(id: Felix.policyA)])
        #expect(found?.description.contains("prod/a") == true)
        #expect(found?.description.contains("k8s/prod/web-1/eth0") == true)
    }
}

@Suite struct DataplaneStateCodingTests {
    @Test func encodingIsSortedAndRoundTrips() throws {
        var state = DataplaneState()
        try state.apply(contentsOf: Felix.goodStream)
        try state.apply(.ipSetUpdate(IPSetUpdate(id: "s:a", members: ["10.0.0.9/32", "10.0.0.10/32", "10.0.0.1/32"], type: .net)))
        let json = try KubeJSON.encodeString(state)
        #expect(json.hasPrefix(#"{"endpoints":[{"endpoint":"#))
        #expect(json.contains(#"{"id":"s:a","members":["10.0.0.1/32","10.0.0.10/32","10.0.0.9/32"],"type":"net"}"#))
        let ipSetsStart = try #require(json.range(of: #""ipSets":"#))
        let policiesStart = try #require(json.range(of: #""policies":"#))
        #expect(ipSetsStart.lowerBound < policiesStart.lowerBound)
        let decoded = try KubeJSON.decode(DataplaneState.self, from: Data(json.utf8))
        #expect(decoded == state)
        // Same value, same bytes, whatever order it was built in.
        var other = DataplaneState()
        other.ipSets = Dictionary(uniqueKeysWithValues: state.ipSets.sorted { $0.key > $1.key }.map { ($0.key, $0.value) })
        other.policies = state.policies
        other.profiles = state.profiles
        other.endpoints = state.endpoints
        other.inSync = true
        #expect(try KubeJSON.encodeString(other) == json)
    }
}
