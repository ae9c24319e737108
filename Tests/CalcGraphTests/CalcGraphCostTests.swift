import Calico
import CalcGraph
import Testing

// The cost of an update follows the size of its effect: counted in selector evaluations
// (one endpoint against one selector), on a cluster with many policies and pods.

@Suite("CalcGraph cost")
struct CalcGraphCostTests {
    static let policyCount = 40
    static let podsPerNamespace = 30

    /// 40 policies on the local pod, each with its own rule selector `k<i> == "v"`, one more
    /// selecting by namespace label; 30 remote pods in each of two namespaces.
    static func cluster() -> (Harness, [KubeObject]) {
        var objects: [KubeObject] = [
            K.namespace("prod", ["area": "area1"]), K.namespace("dev", ["area": "area2"]),
            K.pod("db", ns: "prod", host: localHost, ip: "10.9.0.1", labels: ["role": "db"]),
            K.policy("by-area", ns: "prod", selecting: ["role": "db"], from: [K.namespaces(["area": "area2"])]),
        ]
        for i in 0..<policyCount {
            objects.append(K.policy("p\(i)", ns: "prod", selecting: ["role": "db"], from: [K.pods(["k\(i)": "v"])]))
        }
        for (n, ns) in ["prod", "dev"].enumerated() {
            for i in 0..<podsPerNamespace {
                objects.append(K.pod("r\(i)", ns: ns, host: remoteHost, ip: "10.\(n).0.\(i + 1)", labels: ["role": "fe"]))
            }
        }
        let h = Harness()
        h.start(objects)
        return (h, objects)
    }

    /// The evaluations and messages one batch of writes costs.
    static func cost(_ h: Harness, _ writes: Write...) -> (evaluations: Int, messages: [FelixMessage]) {
        let before = h.graph.selectorEvaluations
        h.graph.apply(writes)
        let messages = h.flush()
        return (h.graph.selectorEvaluations - before, messages)
    }

    @Test("a remote relabel evaluates only the selectors reading the changed key")
    func remoteRelabel() {
        let (h, _) = Self.cluster()
        let relabelled = K.pod("r3", ns: "prod", host: remoteHost, ip: "10.0.0.4", labels: ["role": "fe", "k7": "v"])
        let (evaluations, messages) = Self.cost(h, .put(relabelled))
        #expect(evaluations == 1)
        #expect(messages.map(\.kindName) == ["IPSetDeltaUpdate"])
        let unread = K.pod("r4", ns: "prod", host: remoteHost, ip: "10.0.0.5", labels: ["role": "fe", "color": "red"])
        let (none, silent) = Self.cost(h, .put(unread))
        #expect(none == 0)
        #expect(silent.isEmpty)
        #expect(h.violation == nil)
    }

    @Test("a namespace relabel evaluates that namespace's endpoints against the sets reading the key")
    func namespaceRelabel() {
        let (h, _) = Self.cluster()
        let (evaluations, messages) = Self.cost(h, .put(K.namespace("dev", ["area": "area3"])))
        #expect(evaluations == Self.podsPerNamespace)
        guard case .ipSetDeltaUpdate(let delta)? = messages.first, messages.count == 1 else {
            Issue.record("expected one delta, got \(messages.map(\.kindName))")
            return
        }
        #expect(delta.removedMembers.count == Self.podsPerNamespace)
    }

    @Test("a new remote pod is evaluated once per active IP set; a rule change evaluates nothing")
    func newPodAndRuleChange() {
        let (h, _) = Self.cluster()
        let newPod = K.pod("new", ns: "prod", host: remoteHost, ip: "10.0.9.9", labels: ["k1": "v"])
        let (evaluations, _) = Self.cost(h, .put(newPod))
        #expect(evaluations == Self.policyCount + 1)
        let reruled = K.policy("p5", ns: "prod", selecting: ["role": "db"], from: [K.pods(["k5": "v"])],
            ports: [NetworkPolicyPort(protocol: "TCP", port: .int(443))])
        let (none, messages) = Self.cost(h, .put(reruled))
        #expect(none == 0)
        #expect(messages.map(\.kindName) == ["ActivePolicyUpdate"])
        #expect(h.violation == nil)
    }
}
