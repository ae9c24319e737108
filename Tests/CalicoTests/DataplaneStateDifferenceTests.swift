import Foundation
import Testing
@testable import Calico

@Suite struct DataplaneStateDifferenceTests {
    private func built() throws -> DataplaneState {
        var state = DataplaneState()
        try state.apply(contentsOf: Felix.goodStream)
        return state
    }

    @Test func equalStatesHaveNoDifferences() throws {
        let state = try built()
        #expect(state.differences(from: state) == [])
    }

    @Test func ruleIDIsIgnored() throws {
        let expected = try built()
        var observed = expected
        observed.policies[Felix.policyA]?.inboundRules[0].ruleID = "abcdefgh12345678"
        #expect(observed.differences(from: expected) == [])
    }

    @Test func ipSetMembersListedWithCounts() throws {
        let expected = try built()
        var observed = expected
        observed.ipSets["s:one"]?.members = Set(["10.0.0.2/32"] + (1...7).map { "10.1.0.\($0)/32" })
        let found = observed.differences(from: expected)
        #expect(found.map(\.kind) == ["ipset-member-missing", "ipset-member-extra"])
        #expect(found[0].subject == "IP set s:one")
        #expect(found[0].detail == "1 missing (expected 2 members, observed 8): 10.0.0.1/32")
        #expect(found[1].detail == "7 extra (expected 2 members, observed 8): 10.1.0.1/32, 10.1.0.2/32, 10.1.0.3/32, 10.1.0.4/32, 10.1.0.5/32, … and 2 more")
    }

    @Test func missingExtraAndRetypedSets() throws {
        let expected = try built()
        var observed = expected
        observed.ipSets["s:one"]?.type = .ipAndPort
        observed.ipSets["s:zzz"] = IPSetState(type: .net)
        var wanted = expected
        wanted.ipSets["s:aaa"] = IPSetState(type: .net, members: ["10.0.0.1/32"])
        let found = observed.differences(from: wanted)
        #expect(found.map(\.kind) == ["ipset-missing", "ipset-type", "ipset-extra"])
        #expect(found[1].detail == "expected type NET, observed IP_AND_PORT")
    }

    @Test func policyRuleIndexAndField() throws {
        let expected = try built()
        var observed = expected
        observed.policies[Felix.policyA]?.inboundRules[0].srcIPSetIDs = ["s:other"]
        observed.policies[Felix.policyA]?.outboundRules = [Rule(action: "allow")]
        observed.policies[Felix.policyA]?.tier = "kube-admin"
        let found = observed.differences(from: expected)
        #expect(found.map(\.kind) == ["policy-field", "policy-rule", "policy-rule-count", "policy-rule"])
        #expect(found[0].detail == #"tier: expected "default", observed "kube-admin""#)
        #expect(found[1].detail == #"inbound rule 0: srcIPSetIDs: expected ["s:one"], observed ["s:other"]"#)
        #expect(found[2].detail == "outbound: expected 0 rules, observed 1")
        #expect(found[3].detail.hasPrefix("outbound rule 0: expected none, observed {"))
    }

    @Test func policyAndProfilePresence() throws {
        let expected = try built()
        var observed = expected
        observed.policies[Felix.policyA] = nil
        observed.policies[Felix.policyB] = Felix.policy()
        observed.profiles[Felix.profile]?.inboundRules = [Rule(action: "deny")]
        let found = observed.differences(from: expected)
        #expect(found.map(\.kind) == ["policy-missing", "policy-extra", "profile-rule"])
        #expect(found[2].detail == #"inbound rule 0: action: expected "allow", observed "deny""#)
    }

    @Test func endpointFields() throws {
        let expected = try built()
        var observed = expected
        observed.endpoints[Felix.endpointID]?.profileIDs = ["kns.prod", "ksa.prod.default"]
        observed.endpoints[Felix.endpointID]?.ipv4Nets = ["10.0.0.6/32"]
        observed.endpoints[Felix.endpointID]?.tiers = []
        observed.endpoints[Felix.endpointID]?.mac = "ee:ee:ee:ee:ee:ee"  // not compared
        let found = observed.differences(from: expected)
        #expect(found.map(\.kind) == ["endpoint-profile-ids", "endpoint-nets", "endpoint-tiers"])
        #expect(found[0].detail == #"expected ["kns.prod"], observed ["kns.prod", "ksa.prod.default"]"#)
        #expect(found[2].detail == "expected [default(Deny) in: [prod/a] out: []], observed []")
        #expect(found[2].subject == "endpoint k8s/prod/web-1/eth0")
    }

    @Test func endpointPresenceAndInSync() throws {
        let expected = try built()
        var observed = expected
        observed.endpoints = [:]
        observed.inSync = false
        let found = observed.differences(from: expected)
        #expect(found.map(\.kind) == ["endpoint-missing", "in-sync"])
        #expect(expected.differences(from: observed).map(\.kind) == ["endpoint-extra", "in-sync"])
    }
}
