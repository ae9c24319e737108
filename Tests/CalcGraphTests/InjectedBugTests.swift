import Calico
import CalcGraph
import Testing

// Each injected bug, on a tiny sequence of Kubernetes writes where it changes what the graph
// emits (or leaves a leak): proof that every bug is live. Each sequence is also run without the
// bug, which must give a clean, correct run.

/// A tiny sequence: initial objects, then steps (each flushed), and what the bug must show.
private struct BugCase: Sendable, CustomTestStringConvertible {
    var bug: InjectedBug
    var initial: [KubeObject]
    var steps: [[Write]]
    /// Checks the run with the bug shows it, given the bug-free run for comparison.
    var symptom: @Sendable (_ buggy: Harness, _ correct: Harness) -> Bool

    var testDescription: String { bug.rawValue }

    func run(_ bugs: Set<InjectedBug>) -> Harness {
        let h = Harness(bugs)
        h.start(initial)
        for step in steps {
            h.graph.apply(step)
            h.flush()
        }
        return h
    }
}

private let prod = K.namespace("prod", ["area": "area1"])
private let dev = K.namespace("dev", ["area": "area2"])
private let db = K.pod("db", ns: "prod", host: localHost, ip: "10.0.0.1", labels: ["role": "db"])
private let fe = K.pod("fe", ns: "prod", host: remoteHost, ip: "10.0.0.2", labels: ["role": "fe"])
private let allowFE = K.policy("allow-fe", ns: "prod", selecting: ["role": "db"], from: [K.pods(["role": "fe"])])
private let feSet = K.ipSetIDs(allowFE)[0]

private func violation(_ h: Harness, _ kind: StreamViolation.Kind) -> Bool { h.violation?.kind == kind.rawValue }

private let cases: [BugCase] = [
    BugCase(
        bug: .labelChangeIgnoresExistence,
        initial: [prod, db, K.pod("c", ns: "prod", host: remoteHost, ip: "10.0.0.5", labels: ["role": "fe"]),
            K.policy("canary", ns: "prod", selecting: ["role": "db"], from: [K.podsWhere("canary", "Exists")])],
        steps: [[.put(K.pod("c", ns: "prod", host: remoteHost, ip: "10.0.0.5", labels: ["role": "fe", "canary": ""]))]],
        symptom: { buggy, correct in
            correct.state.ipSets.values.first?.members == ["10.0.0.5/32"] && buggy.state.ipSets.values.first?.members == []
        }),
    BugCase(
        bug: .ipSetNotRefCounted,
        initial: [prod, db, fe, allowFE,
            K.pod("db2", ns: "prod", host: localHost, ip: "10.0.0.3", labels: ["role": "db2"]),
            K.policy("allow-fe-2", ns: "prod", selecting: ["role": "db2"], from: [K.pods(["role": "fe"])])],
        steps: [[K.delete(db)]],
        symptom: { buggy, _ in violation(buggy, .ipSetRemoveReferenced) }),
    BugCase(
        bug: .memberNotRefCounted,
        initial: [prod, db, fe, allowFE,
            K.pod("fe-twin", ns: "prod", host: remoteHost, ip: "10.0.0.2", labels: ["role": "fe"])],
        steps: [[.delete(ObjectRef(kind: .pod, namespace: "prod", name: "fe-twin"))]],
        symptom: { buggy, correct in
            correct.members(of: feSet) == ["10.0.0.2/32"] && buggy.members(of: feSet) == []
        }),
    BugCase(
        bug: .flushOrderEndpointsFirst,
        initial: [prod, db, fe, allowFE], steps: [],
        symptom: { buggy, _ in violation(buggy, .endpointPolicyInactive) }),
    BugCase(
        bug: .flushOrderRemovesFirst,
        initial: [prod, db, fe, allowFE],
        steps: [[.put(K.pod("db", ns: "prod", host: localHost, ip: "10.0.0.1", labels: ["role": "cache"]))]],
        symptom: { buggy, _ in violation(buggy, .policyRemoveReferenced) }),
    BugCase(
        bug: .flushOrderIPSetRemoveFirst,
        initial: [prod, db, fe, allowFE], steps: [[K.delete(allowFE)]],
        symptom: { buggy, _ in violation(buggy, .ipSetRemoveReferenced) }),
    BugCase(
        bug: .notEqualFalseOnAbsentLabel,
        initial: [prod, db, K.pod("plain", ns: "prod", host: remoteHost, ip: "10.0.0.6"),
            K.policy("not-db", ns: "prod", selecting: ["role": "db"], from: [K.podsWhere("role", "NotIn", ["db"])])],
        steps: [],
        symptom: { buggy, correct in
            correct.state.ipSets.values.first?.members == ["10.0.0.6/32"] && buggy.state.ipSets.values.first?.members == []
        }),
    BugCase(
        bug: .namespaceLabelChangeNotReevaluated,
        initial: [prod, dev, db, K.pod("tool", ns: "dev", host: remoteHost, ip: "10.0.1.1"),
            K.policy("from-area2", ns: "prod", selecting: ["role": "db"], from: [K.namespaces(["area": "area2"])])],
        steps: [[.put(K.namespace("dev", ["area": "area3"]))]],
        symptom: { buggy, correct in
            correct.state.ipSets.values.first?.members == [] && buggy.state.ipSets.values.first?.members == ["10.0.1.1/32"]
        }),
    BugCase(
        bug: .policyTypesIgnored,
        initial: [prod, db, fe, allowFE], steps: [],
        symptom: { buggy, correct in
            correct.tiers(of: db)?.first?.egressPolicies == [] && buggy.tiers(of: db)?.first?.egressPolicies != []
        }),
    BugCase(
        bug: .finishedPodKeepsIP,
        initial: [prod, db, fe, allowFE],
        steps: [[.put(K.pod("fe", ns: "prod", host: remoteHost, ip: "10.0.0.2", labels: ["role": "fe"], phase: "Succeeded"))]],
        symptom: { buggy, correct in
            correct.members(of: feSet) == [] && buggy.members(of: feSet) == ["10.0.0.2/32"]
        }),
    BugCase(
        bug: .terminatingPodTreatedAsFinished,
        initial: [prod, db, fe, allowFE],
        steps: [[.put(K.pod("fe", ns: "prod", host: remoteHost, ip: "10.0.0.2", labels: ["role": "fe"],
            deletionTimestamp: "2026-01-01T00:00:00Z"))]],
        symptom: { buggy, correct in
            correct.members(of: feSet) == ["10.0.0.2/32"] && buggy.members(of: feSet) == []
        }),
    BugCase(
        bug: .profileRefNotReleased,
        initial: [prod, db], steps: [[K.delete(db)]],
        symptom: { buggy, correct in
            correct.state.profiles.isEmpty && !buggy.state.profiles.isEmpty && !buggy.graph.isEmptyInternally
        }),
    BugCase(
        bug: .policyOrderNoNameTieBreak,
        initial: [prod, db, K.policy("b", ns: "prod", selecting: ["role": "db"])],
        steps: [[.put(K.policy("a", ns: "prod", selecting: ["role": "db"]))]],
        symptom: { buggy, correct in
            correct.tiers(of: db)?.first?.ingressPolicies.map(\.name) == ["a", "b"]
                && buggy.tiers(of: db)?.first?.ingressPolicies.map(\.name) == ["b", "a"]
        }),
    BugCase(
        bug: .remoteEndpointsActivatePolicies,
        initial: [prod, fe, K.policy("fe-only", ns: "prod", selecting: ["role": "fe"])], steps: [],
        symptom: { buggy, correct in
            correct.state.policies.isEmpty && correct.state.profiles.isEmpty && !buggy.state.policies.isEmpty
        }),
    BugCase(
        bug: .ruleChangeNotResent,
        initial: [prod, db, fe, allowFE],
        steps: [[.put(K.policy("allow-fe", ns: "prod", selecting: ["role": "db"], from: [K.pods(["role": "fe"])],
            ports: [NetworkPolicyPort(protocol: "TCP", port: .int(80))]))]],
        symptom: { buggy, correct in
            let id = K.policyID(allowFE)
            return correct.state.policies[id]?.inboundRules.first?.dstPorts == [PortRange(80)]
                && buggy.state.policies[id]?.inboundRules.first?.dstPorts == []
        }),
    BugCase(
        bug: .reAddedIPSetSentAsDelta,
        initial: [prod, db, fe, allowFE],
        // The policy's only local pod goes and comes back within one flush: its set is removed
        // and re-added, and must be re-sent whole.
        steps: [[K.delete(db), .put(db)]],
        symptom: { buggy, _ in violation(buggy, .ipSetAddPresent) }),
    BugCase(
        bug: .endpointsBeforeInSync,
        initial: [prod, db], steps: [],
        symptom: { buggy, correct in
            // The bug-free graph sends the endpoint only in the flush that ends with InSync.
            let early = { (h: Harness) -> Bool in
                h.flushes.contains { flush in
                    !flush.contains(.inSync) && flush.contains { $0.kindName == "WorkloadEndpointUpdate" }
                }
            }
            return !early(correct) && early(buggy)
        }),
]

@Suite("Injected bugs")
struct InjectedBugTests {
    @Test("every bug has a summary, and at least ten exist")
    func catalogue() {
        #expect(InjectedBug.allCases.count >= 10)
        for bug in InjectedBug.allCases { #expect(!bug.summary.isEmpty) }
        // The Calico-only bugs have their cases in CalicoInjectedBugTests.swift.
        #expect(Set(cases.map(\.bug)) == Set(InjectedBug.kubernetesReachable))
    }

    @Test("each bug is live: its sequence runs clean without it and shows the symptom with it", arguments: cases)
    fileprivate func live(_ bugCase: BugCase) {
        var correct = bugCase.run([])
        if bugCase.bug == .endpointsBeforeInSync { correct = earlyFlushRun(bugCase, []) }
        var buggy = bugCase.run([bugCase.bug])
        if bugCase.bug == .endpointsBeforeInSync { buggy = earlyFlushRun(bugCase, [bugCase.bug]) }
        #expect(correct.violation == nil, "\(correct.violation.map(String.init(describing:)) ?? "")")
        #expect(buggy.outcome != correct.outcome)
        #expect(bugCase.symptom(buggy, correct))
    }

    @Test("all bugs off by default")
    func offByDefault() {
        #expect(CalcGraph(localHost: localHost).injections.isEmpty)
    }
}

/// For `endpointsBeforeInSync`: a flush before the datastore is in sync, then the in-sync one.
private func earlyFlushRun(_ bugCase: BugCase, _ bugs: Set<InjectedBug>) -> Harness {
    let h = Harness(bugs)
    h.graph.apply(bugCase.initial.map(Write.put))
    h.flush()
    h.graph.markInSync()
    h.flush()
    return h
}
