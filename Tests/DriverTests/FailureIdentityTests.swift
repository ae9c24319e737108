import CalcGraph
import Calico
import Campaign
import Driver
import Foundation
import Testing

/// A failure's identity (`FailureSignature`: property, kind and aspect) must tell the injected
/// bugs apart, or a campaign keeps one reproducer for two bugs and a shrink may slide from one
/// to the other. Before aspects, four bugs shared `convergence/ipset-member-missing`, three
/// `stream-integrity/ipset-remove-referenced` and two `convergence/endpoint-tiers`.
@Suite struct FailureIdentityTests {
    /// The fixed-seed survey of `InjectedBugDetectionTests`: every bug's first failing sequence.
    /// Kubernetes-reachable bugs only; the Calico ones' identities are checked against these by
    /// Tests/CalcGraphTests/CalicoInjectedBugTests.swift (issue 16).
    @Test func everyInjectedBugHasItsOwnIdentity() throws {
        var owners: [FailureSignature: [InjectedBug]] = [:]
        for bug in InjectedBug.kubernetesReachable {
            let found = try InjectionSurvey.firstFailure(
                bug: bug, seed: InjectedBugDetectionTests.seed, budget: InjectedBugDetectionTests.budget)
            let failure = try #require(found?.failure, "\(bug.rawValue) was not found")
            owners[failure.signature, default: []].append(bug)
        }
        let shared = owners.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        #expect(shared.isEmpty, "bugs sharing one identity: \(shared.map { "\($0.key): \($0.value.map(\.rawValue))" })")
        #expect(owners.count == InjectedBug.kubernetesReachable.count)
    }

    /// The identity is a function of the run: the same sequence gives the same signature.
    @Test func identityIsDeterministic() throws {
        for bug in [InjectedBug.memberNotRefCounted, .ipSetNotRefCounted] {
            let first = try InjectionSurvey.firstFailure(bug: bug, seed: 1, budget: InjectedBugDetectionTests.budget)
            let again = try InjectionSurvey.firstFailure(bug: bug, seed: 1, budget: InjectedBugDetectionTests.budget)
            #expect(first?.failure.signature.aspect != nil)
            #expect(first?.failure.signature == again?.failure.signature)
        }
    }

    /// A campaign keeps one reproducer per identity: with two bugs that both leave an IP set
    /// member missing, it saves a file for each (before aspects it kept only the first).
    @Test func aCampaignKeepsOneReproducerPerIdentity() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-identity-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = Campaign(configuration: CampaignConfiguration(
            seed: 1, sequenceLimit: 40,
            target: TargetSpec(injections: [.memberNotRefCounted, .notEqualFalseOnAbsentLabel]),
            outputDirectory: directory, shrink: false)).run()
        let saved = summary.failures.filter { !$0.reproducerID.isEmpty }
        #expect(Set(saved.map(\.signature)).count == saved.count, "two files for one identity")
        let memberMissing = Set(saved.map(\.signature).filter { $0.kind == "ipset-member-missing" })
        #expect(memberMissing.count >= 2, "one kind, several identities, each saved: \(memberMissing)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        #expect(files.count == saved.count)
    }

    /// `order` when the same policies come in another order, the direction when the policies
    /// themselves differ.
    @Test func tiersAspectNamesWhatDiffers() {
        let a = PolicyID(name: "a", namespace: "ns", kind: "KubernetesNetworkPolicy")
        let b = PolicyID(name: "b", namespace: "ns", kind: "KubernetesNetworkPolicy")
        let expected = [TierInfo(name: "default", ingressPolicies: [a, b], egressPolicies: [a], defaultAction: "Deny")]
        let reordered = [TierInfo(name: "default", ingressPolicies: [b, a], egressPolicies: [a], defaultAction: "Deny")]
        let extraEgress = [TierInfo(name: "default", ingressPolicies: [a, b], egressPolicies: [a, b], defaultAction: "Deny")]
        #expect(PropertyChecks.tiersAspect(expected: expected, observed: reordered) == "order")
        #expect(PropertyChecks.tiersAspect(expected: expected, observed: extraEgress) == "egress-policies")
        #expect(PropertyChecks.tiersAspect(expected: expected, observed: []) == "tiers")
    }

    /// A file written before aspects (no `aspect` key) still reads, and still matches a replay
    /// that finds an aspect; a failure without an aspect writes the same bytes as before.
    @Test func filesWithoutAnAspectStillMatch() throws {
        let old = #"{"details":[],"kind":"ipset-member-missing","property":"convergence","stepIndex":2,"stepKind":"deletePod"}"#
        let decoded = try JSONDecoder().decode(Failure.self, from: Data(old.utf8))
        #expect(decoded.aspect == nil)
        let sorted = JSONEncoder()
        sorted.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try sorted.encode(decoded), as: UTF8.self) == old)
        let found = FailureSignature(property: .convergence, kind: "ipset-member-missing", aspect: "pod-selector@IPSetUpdate")
        #expect(decoded.signature.admits(found))
        #expect(!FailureSignature(property: .convergence, kind: "ipset-member-extra").admits(found))
        #expect(!found.admits(FailureSignature(property: .convergence, kind: "ipset-member-missing", aspect: "pod-selector@no-message")))
        #expect(found.description == "convergence/ipset-member-missing/pod-selector@IPSetUpdate")
    }
}
