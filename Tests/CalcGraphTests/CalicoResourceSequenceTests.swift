import Calico
import CalcGraph
import Oracle
import Testing

// Hand-written sequences with Calico's own resources: after every step the dataplane rebuilt
// from the model's messages must equal the oracle's expected state for the same snapshot
// (compared with `DataplaneState.differences`, as the convergence property does), the stream
// must keep Felix's guarantees, and deleting everything must leave no internal state.

@Suite("CalcGraph Calico resources")
struct CalicoResourceSequenceTests {
    static let prod = K.namespace("prod", ["env": "prod"])
    static let db = K.pod("db", ns: "prod", ip: "10.1.0.7", labels: ["role": "db"])
    static let fe = K.pod("fe", ns: "prod", host: remoteHost, ip: "10.9.0.1", labels: ["role": "fe"])
    static let sec = C.tier("sec", order: 100, pass: true)
    static let screen = C.global(
        "screen", tier: "sec", order: 5.5, selector: "role == 'db'", types: ["Ingress"],
        ingress: [C.rule(.pass, from: V3EntityRule(selector: "kind == 'trusted'"))])
    static let dbPolicy = C.policy(
        "db", ns: "prod", order: 5, selector: "role == 'db'", types: ["Ingress"],
        ingress: [C.rule(.allow, from: V3EntityRule(namespaceSelector: "env == 'prod'"))])
    static let office = C.networkSet("office", ns: "prod", labels: ["kind": "trusted"], nets: ["10.9.0.0/16", "10.9.3.0/24"])
    static let partners = C.globalSet("partners", labels: ["kind": "trusted"], nets: ["192.0.2.0/24"])

    /// Runs the steps, checking the model against the oracle after each; gives the harness.
    @discardableResult
    static func run(_ kube: [KubeObject], _ calico: [V3Resource], _ steps: [MixedStep]) -> (Harness, ClusterSnapshot) {
        let h = Harness()
        var snapshot = ClusterSnapshot(objects: kube)
        for resource in calico { snapshot.apply(CalicoWrite.put(resource)) }
        h.graph.apply(kube.map(Write.put))
        h.graph.apply(calico.map(CalicoWrite.put))
        h.graph.markInSync()
        h.flush()
        check(h, snapshot, "initial")
        for (index, step) in steps.enumerated() {
            snapshot.apply(step.kube)
            for write in step.calico { snapshot.apply(write) }
            h.graph.apply(step.kube)
            h.graph.apply(step.calico)
            h.flush()
            check(h, snapshot, "step \(index)")
        }
        return (h, snapshot)
    }

    static func check(_ h: Harness, _ snapshot: ClusterSnapshot, _ label: String) {
        #expect(h.violation == nil, "\(label): \(h.violation.map(String.init(describing:)) ?? "")")
        let expected = Oracle.expectedState(of: snapshot, localHost: localHost)
        let differences = h.state.differences(from: expected)
        #expect(differences.isEmpty, "\(label): \(differences.prefix(4).map(String.init(describing:)))")
    }

    @Test("tiers with Pass, Calico policies and network sets agree with the oracle")
    func initialState() throws {
        let (h, _) = Self.run([Self.prod, Self.db, Self.fe], [Self.sec, Self.screen, Self.dbPolicy, Self.office, Self.partners], [])
        let tiers = try #require(h.state.endpoints[K.endpointID(Self.db)]?.tiers)
        #expect(tiers.map(\.name) == ["sec", "default"])
        #expect(tiers.first?.defaultAction == "Pass")
        let trusted = try Selector(parsing: "kind == 'trusted'")
        #expect(h.members(of: trusted.uniqueID) == ["10.9.0.0/16", "192.0.2.0/24"])
    }

    @Test("tier order and default action, policy order, relabelled and re-netted sets, namespace relabel, teardown")
    func changes() {
        let stricter = C.tier("sec", order: 2000)
        let (h, snapshot) = Self.run([Self.prod, Self.db, Self.fe], [Self.screen, Self.dbPolicy, Self.office], [
            // The tier resource arrives: sec moves ahead of default and passes.
            MixedStep(calico: [.put(Self.sec)]),
            // Its order moves it after default, with Deny.
            MixedStep(calico: [.put(stricter)]),
            // The broad /16 goes: the /24 it hid appears.
            MixedStep(calico: [.put(C.networkSet("office", ns: "prod", labels: ["kind": "trusted"], nets: ["10.9.3.0/24"]))]),
            // A global set covers the /24, then a relabel takes the namespaced set out of the selector.
            MixedStep(calico: [.put(C.globalSet("wide", labels: ["kind": "trusted"], nets: ["10.0.0.0/8", "0.0.0.0/0"]))]),
            MixedStep(calico: [.put(C.networkSet("office", ns: "prod", labels: ["kind": "other"], nets: ["10.9.3.0/24"]))]),
            // The namespace's label goes: the namespaced policy's namespaceSelector stops matching.
            MixedStep(kube: [.put(K.namespace("prod", ["env": "dev"]))]),
            MixedStep(kube: [.put(Self.prod)]),
            // Policy order changes within default; a second policy ties on order.
            MixedStep(calico: [.put(C.policy("db", ns: "prod", order: 1, selector: "role == 'db'")),
                               .put(C.policy("db2", ns: "prod", order: 1, selector: "has(role)"))]),
            MixedStep(calico: [.delete(Self.sec.key)]),
        ])
        // Teardown.
        var final = snapshot
        var writes = MixedStep()
        for resource in final.sortedCalicoResources { writes.calico.append(.delete(resource.key)) }
        for object in final.allObjects.reversed() { writes.kube.append(.delete(object.ref)) }
        h.graph.apply(writes.kube)
        h.graph.apply(writes.calico)
        h.flush()
        final = ClusterSnapshot()
        Self.check(h, final, "teardown")
        #expect(h.state.ipSets.isEmpty && h.state.policies.isEmpty && h.state.endpoints.isEmpty)
        #expect(h.graph.internalLeakReport.isEmpty, "\(h.graph.internalLeakReport)")
    }

    @Test("a covered member removed while covered emits nothing, and reappears with its cover's removal only if still present")
    func overlapRemoval() throws {
        let trusted = try Selector(parsing: "kind == 'trusted'")
        let (h, _) = Self.run([Self.prod, Self.db, Self.fe], [Self.screen, Self.office], [
            MixedStep(calico: [.put(C.networkSet("office", ns: "prod", labels: ["kind": "trusted"], nets: ["10.9.0.0/16"]))]),
            MixedStep(calico: [.put(Self.office)]),
            MixedStep(calico: [.put(C.networkSet("office", ns: "prod", labels: ["kind": "trusted"], nets: ["10.9.3.0/24"]))]),
        ])
        #expect(h.members(of: trusted.uniqueID) == ["10.9.3.0/24"])
    }

    @Test("a broad member that is itself covered still hides what it covers once its own cover goes")
    func nestedCovers() throws {
        // Found by the random walk: the /30 arrives under the /24, the /32 under both; when the
        // /24 goes, the /30 appears and the /32 stays hidden.
        let trusted = try Selector(parsing: "kind == 'trusted'")
        let set = { (nets: [String]) in C.globalSet("g", labels: ["kind": "trusted"], nets: nets) }
        let (h, _) = Self.run([Self.prod, Self.db], [Self.screen, set(["10.0.0.0/24"])], [
            MixedStep(calico: [.put(set(["10.0.0.0/24", "10.0.0.0/30"]))]),
            MixedStep(calico: [.put(set(["10.0.0.0/24", "10.0.0.0/30", "10.0.0.2"]))]),
            MixedStep(calico: [.put(set(["10.0.0.0/30", "10.0.0.2"]))]),
        ])
        #expect(h.members(of: trusted.uniqueID) == ["10.0.0.0/30"])
    }

    @Test("writing the same Calico resources again emits nothing")
    func unchangedRewriteIsSilent() {
        let resources = [Self.sec, Self.screen, Self.dbPolicy, Self.office, Self.partners]
        let (h, _) = Self.run([Self.prod, Self.db, Self.fe], resources, [])
        #expect(!h.state.policies.isEmpty)
        h.graph.apply(resources.map(CalicoWrite.put))
        #expect(h.flush().isEmpty)
    }
}
