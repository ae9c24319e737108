import Calico
import CalcGraph
import Oracle
import Testing

// ServiceAccounts as the model receives them: until the first ServiceAccount write every
// account a pod names is assumed (spec §0 A3); from then on the written ones carry their labels
// to endpoints as `pcsa.*`, and an account that is not written (or is deleted) is a missing
// profile with deny rules. After every step the rebuilt dataplane must equal the oracle's.

private enum Accounts {
    static let prod = K.namespace("prod")
    static func pod(_ name: String, account: String, ip: String, host: String = localHost) -> KubeObject {
        var pod = K.podObject(name, ns: "prod", host: host, ip: ip, labels: ["app": "x"])
        pod.spec.serviceAccountName = account
        return .pod(pod)
    }
    static let a = pod("a", account: "robot", ip: "10.0.0.1")
    static let b = pod("b", account: "default", ip: "10.0.0.2")
    static let remote = pod("r", account: "robot", ip: "10.0.0.3", host: remoteHost)
    /// Selects, and admits from, endpoints whose service account has `team=blue`.
    static let byTeam = K.policy(
        "blue", ns: "prod", selecting: ["pcsa.team": "blue"], from: [K.pods(["pcsa.team": "blue"])])
    static func robot(_ labels: [String: String]) -> KubeObject {
        .serviceAccount(ServiceAccount(namespace: "prod", name: "robot", labels: labels))
    }
    static let robotRef = ObjectRef(kind: .serviceAccount, namespace: "prod", name: "robot")
}

@Suite("CalcGraph service accounts")
struct ServiceAccountSequenceTests {
    /// Runs the steps, checking the model against the oracle after each; gives the harness.
    private func run(_ initial: [KubeObject], _ steps: [[Write]]) -> Harness {
        let h = Harness()
        var snapshot = ClusterSnapshot(objects: initial)
        h.start(initial)
        #expect(h.state == Oracle.expectedState(of: snapshot, localHost: localHost), "initial")
        for (index, writes) in steps.enumerated() {
            snapshot.apply(writes)
            h.graph.apply(writes)
            h.flush()
            #expect(h.violation == nil, "step \(index)")
            #expect(h.state == Oracle.expectedState(of: snapshot, localHost: localHost), "step \(index)")
        }
        return h
    }

    @Test("a written account's labels reach endpoints; unwritten accounts turn missing")
    func labelsAndMissing() {
        let h = run([Accounts.prod, Accounts.a, Accounts.b, Accounts.remote, Accounts.byTeam], [
            [.put(Accounts.robot(["team": "blue"]))],
        ])
        #expect(Set(h.state.policies.keys) == [K.policyID(Accounts.byTeam)])
        #expect(h.state.profiles[ProfileID(name: "ksa.prod.default")] == ProfileConversion.missingProfile)
        #expect(h.state.profiles[ProfileID(name: "ksa.prod.robot")] == Profile())
        #expect(h.members(of: K.ipSetIDs(Accounts.byTeam)[0]) == ["10.0.0.1/32", "10.0.0.3/32"])
        #expect(h.tiers(of: Accounts.a)?.first?.ingressPolicies == [K.policyID(Accounts.byTeam)])
    }

    @Test("relabelling and deleting an account re-evaluates its endpoints")
    func relabelAndDelete() {
        let h = run([Accounts.prod, Accounts.a, Accounts.b, Accounts.remote, Accounts.byTeam], [
            [.put(Accounts.robot(["team": "blue"]))],
            [.put(Accounts.robot(["team": "red"]))],
            [.put(Accounts.robot(["team": "blue"]))],
            [.delete(Accounts.robotRef)],
            [.put(.serviceAccount(ServiceAccount(namespace: "prod", name: "default", labels: ["team": "blue"])))],
            [K.delete(Accounts.a), K.delete(Accounts.b), K.delete(Accounts.remote)],
            [K.delete(Accounts.byTeam), K.delete(Accounts.prod),
             .delete(ObjectRef(kind: .serviceAccount, namespace: "prod", name: "default"))],
        ])
        #expect(h.state.profiles.isEmpty && h.state.policies.isEmpty && h.state.ipSets.isEmpty)
        #expect(h.graph.internalLeakReport.isEmpty, "\(h.graph.internalLeakReport)")
    }

    @Test("accounts written before any pod")
    func accountsFirst() {
        // Selects by the name label an account's profile adds, which an unlisted account lacks.
        let byName = K.policy("named", ns: "prod", selecting: ["pcsa.projectcalico.org/name": "default"])
        let h = run([Accounts.prod, Accounts.robot(["team": "blue"]), Accounts.byTeam, byName], [
            [.put(Accounts.a)],
            [.put(Accounts.b)],
            [.put(Accounts.robot([:]))],
        ])
        #expect(h.state.policies.isEmpty)
        #expect(h.state.profiles[ProfileID(name: "ksa.prod.default")] == ProfileConversion.missingProfile)
    }
}
