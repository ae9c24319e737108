import Calico
import CalcGraph
import Testing

// Hand-written, seed-shaped sequences: the dataplane rebuilt from the graph's messages is
// compared with the state worked out by hand (IP set IDs come from the conversion module).

/// A small cluster: two namespaces, local and remote pods, one policy letting `role=fe` reach
/// `role=db` in prod.
private enum Seed {
    static let prod = K.namespace("prod", ["area": "area1"])
    static let dev = K.namespace("dev", ["area": "area2"])
    static let db = K.pod("db", ns: "prod", host: localHost, ip: "10.0.0.1", labels: ["role": "db"])
    static let fe = K.pod("fe", ns: "prod", host: remoteHost, ip: "10.0.0.2", labels: ["role": "fe"])
    static let feLocal = K.pod("fe2", ns: "prod", host: localHost, ip: "10.0.0.3", labels: ["role": "fe"])
    static let tool = K.pod("tool", ns: "dev", host: localHost, ip: "10.0.1.1", labels: ["role": "tool"])
    static let allowFE = K.policy("allow-fe", ns: "prod", selecting: ["role": "db"], from: [K.pods(["role": "fe"])])
    static var all: [KubeObject] { [prod, dev, db, fe, tool, allowFE] }
    static var feSet: String { K.ipSetIDs(allowFE)[0] }
}

@Suite("CalcGraph sequences")
struct CalcGraphSequenceTests {
    @Test("initial sync: local and remote pods give the expected dataplane")
    func initialSync() {
        let h = Harness()
        let messages = h.start(Seed.all)
        #expect(h.violation == nil)
        #expect(messages.last == .inSync)
        #expect(h.state.inSync)
        #expect(Set(h.state.policies.keys) == [K.policyID(Seed.allowFE)])
        #expect(h.state.ipSets.count == 1)
        #expect(h.members(of: Seed.feSet) == ["10.0.0.2/32"])
        #expect(Set(h.state.profiles.keys.map(\.name)) == ["kns.prod", "ksa.prod.default", "kns.dev", "ksa.dev.default"])
        #expect(h.state.profiles[ProfileID(name: "kns.prod")] == ProfileConversion.namespaceProfile(
            for: Namespace(name: "prod", labels: ["area": "area1", "kubernetes.io/metadata.name": "prod"])).profile)
        #expect(Set(h.state.endpoints.keys) == [K.endpointID(Seed.db), K.endpointID(Seed.tool)])
        #expect(h.tiers(of: Seed.db) == [TierInfo(
            name: "default", ingressPolicies: [K.policyID(Seed.allowFE)], egressPolicies: [], defaultAction: "Deny")])
        #expect(h.tiers(of: Seed.tool) == [])
        #expect(h.state.endpoints[K.endpointID(Seed.db)]?.profileIDs == ["kns.prod", "ksa.prod.default"])
    }

    @Test("nothing about endpoints is sent before InSync")
    func noEndpointsBeforeInSync() {
        let graph = CalcGraph(localHost: localHost)
        graph.apply(Seed.all.map(Write.put))
        let early = graph.flush()
        #expect(!early.contains { if case .workloadEndpointUpdate = $0 { return true } else { return false } })
        #expect(!early.contains(.inSync))
        #expect(early.contains { if case .activePolicyUpdate = $0 { return true } else { return false } })
        graph.markInSync()
        let late = graph.flush()
        #expect(late.filter { if case .workloadEndpointUpdate = $0 { return true } else { return false } }.count == 2)
        #expect(late.last == .inSync)
        #expect(graph.flush().isEmpty)
    }

    @Test("flush order is Felix's: sets, deltas, policies, profiles, endpoints, then removals reversed")
    func flushOrder() {
        let h = Harness()
        let messages = h.start(Seed.all)
        let ranks = messages.map(\.kindName).map { name -> Int in
            ["IPSetUpdate", "IPSetDeltaUpdate", "ActivePolicyUpdate", "ActiveProfileUpdate", "WorkloadEndpointUpdate",
             "WorkloadEndpointRemove", "ActiveProfileRemove", "ActivePolicyRemove", "IPSetRemove", "InSync"]
                .firstIndex(of: name) ?? -1
        }
        #expect(ranks == ranks.sorted())
        #expect(!ranks.contains(-1))
    }

    @Test("a namespace relabel reaches a namespaceSelector IP set, and only that")
    func namespaceRelabel() {
        let h = Harness()
        let fromArea2 = K.policy("from-area2", ns: "prod", selecting: ["role": "db"], from: [K.namespaces(["area": "area2"])])
        h.start([Seed.prod, Seed.dev, Seed.db, Seed.tool, fromArea2])
        let set = K.ipSetIDs(fromArea2)[0]
        #expect(h.members(of: set) == ["10.0.1.1/32"])
        let moved = h.put(K.namespace("dev", ["area": "area3"]))
        #expect(moved == [.ipSetDeltaUpdate(IPSetDeltaUpdate(id: set, removedMembers: ["10.0.1.1/32"]))])
        let prodToArea2 = h.put(K.namespace("prod", ["area": "area2"]))
        #expect(prodToArea2 == [.ipSetDeltaUpdate(IPSetDeltaUpdate(id: set, addedMembers: ["10.0.0.1/32"]))])
        #expect(h.violation == nil)
    }

    @Test("a policy becomes active when a local pod matches it, and inactive when none does")
    func policyActivation() {
        let h = Harness()
        let web = K.policy("web", ns: "prod", selecting: ["role": "web"], from: [K.pods(["role": "fe"])])
        h.start([Seed.prod, Seed.fe, web])
        #expect(h.state.policies.isEmpty)
        #expect(h.state.ipSets.isEmpty)
        let remoteWeb = K.pod("web-r", ns: "prod", host: remoteHost, ip: "10.0.0.7", labels: ["role": "web"])
        #expect(h.put(remoteWeb).isEmpty)  // A remote match activates nothing.
        let localWeb = K.pod("web-l", ns: "prod", host: localHost, ip: "10.0.0.8", labels: ["role": "web"])
        let activated = h.put(localWeb)
        #expect(activated.map(\.kindName)
            == ["IPSetUpdate", "ActivePolicyUpdate", "ActiveProfileUpdate", "ActiveProfileUpdate", "WorkloadEndpointUpdate"])
        #expect(h.members(of: K.ipSetIDs(web)[0]) == ["10.0.0.2/32"])
        let deactivated = h.step(K.delete(localWeb))
        #expect(deactivated.map(\.kindName)
            == ["WorkloadEndpointRemove", "ActiveProfileRemove", "ActiveProfileRemove", "ActivePolicyRemove", "IPSetRemove"])
        #expect(h.state.policies.isEmpty && h.state.ipSets.isEmpty && h.state.endpoints.isEmpty)
        #expect(h.violation == nil)
    }

    @Test("an IP set shared by two policies stays until the last of them goes")
    func sharedIPSet() {
        let h = Harness()
        let second = K.policy("allow-fe-2", ns: "prod", selecting: ["role": "db"], from: [K.pods(["role": "fe"])])
        h.start(Seed.all + [second])
        #expect(K.ipSetIDs(second) == [Seed.feSet])
        #expect(h.state.ipSets.count == 1)
        // PolKVLess compares "name/namespace/kind" bytes: "allow-fe-2/…" < "allow-fe/…" ('-' < '/').
        #expect(h.tiers(of: Seed.db)?.first?.ingressPolicies == [K.policyID(second), K.policyID(Seed.allowFE)])
        let first = h.step(K.delete(Seed.allowFE))
        #expect(first.map(\.kindName) == ["WorkloadEndpointUpdate", "ActivePolicyRemove"])
        #expect(h.members(of: Seed.feSet) == ["10.0.0.2/32"])
        let last = h.step(K.delete(second))
        #expect(last.map(\.kindName) == ["WorkloadEndpointUpdate", "ActivePolicyRemove", "IPSetRemove"])
        #expect(h.violation == nil)
    }

    @Test("two endpoints with the same address make one member, which outlives one of them")
    func sharedAddress() {
        let h = Harness()
        let twin = K.pod("fe-twin", ns: "prod", host: remoteHost, ip: "10.0.0.2", labels: ["role": "fe"])
        h.start(Seed.all + [twin])
        #expect(h.members(of: Seed.feSet) == ["10.0.0.2/32"])
        #expect(h.step(K.delete(twin)).isEmpty)
        #expect(h.step(K.delete(Seed.fe)) == [.ipSetDeltaUpdate(IPSetDeltaUpdate(id: Seed.feSet, removedMembers: ["10.0.0.2/32"]))])
        #expect(h.violation == nil)
    }

    @Test("a pod moving local → remote → local is removed and re-added; its membership holds")
    func moveLocalRemote() {
        let h = Harness()
        h.start(Seed.all + [Seed.feLocal])
        #expect(h.members(of: Seed.feSet) == ["10.0.0.2/32", "10.0.0.3/32"])
        let away = K.pod("fe2", ns: "prod", host: remoteHost, ip: "10.0.0.3", labels: ["role": "fe"])
        let out = h.put(away)
        #expect(out == [.workloadEndpointRemove(id: K.endpointID(Seed.feLocal))])
        #expect(h.members(of: Seed.feSet) == ["10.0.0.2/32", "10.0.0.3/32"])
        // The only local pod of prod is db; move db away and the policy and prod profiles go.
        let dbAway = K.pod("db", ns: "prod", host: remoteHost, ip: "10.0.0.1", labels: ["role": "db"])
        let gone = h.put(dbAway)
        #expect(gone.map(\.kindName)
            == ["WorkloadEndpointRemove", "ActiveProfileRemove", "ActiveProfileRemove", "ActivePolicyRemove", "IPSetRemove"])
        let back = h.put(Seed.db)
        #expect(back.map(\.kindName)
            == ["IPSetUpdate", "ActivePolicyUpdate", "ActiveProfileUpdate", "ActiveProfileUpdate", "WorkloadEndpointUpdate"])
        #expect(h.members(of: Seed.feSet) == ["10.0.0.2/32", "10.0.0.3/32"])
        #expect(h.violation == nil)
    }

    @Test("a rule change re-sends only the policy")
    func ruleChange() {
        let h = Harness()
        h.start(Seed.all)
        let withPort = K.policy("allow-fe", ns: "prod", selecting: ["role": "db"], from: [K.pods(["role": "fe"])],
            ports: [NetworkPolicyPort(protocol: "TCP", port: .int(5432))])
        let messages = h.put(withPort)
        #expect(messages.map(\.kindName) == ["ActivePolicyUpdate"])
        #expect(h.state.policies[K.policyID(Seed.allowFE)]?.inboundRules.first?.dstPorts == [PortRange(5432)])
        #expect(h.violation == nil)
    }

    @Test("a selector change re-matches local endpoints")
    func selectorChange() {
        let h = Harness()
        h.start(Seed.all + [Seed.feLocal])
        let reselected = K.policy("allow-fe", ns: "prod", selecting: ["role": "fe"], from: [K.pods(["role": "fe"])])
        let messages = h.put(reselected)
        #expect(messages.map(\.kindName) == ["ActivePolicyUpdate", "WorkloadEndpointUpdate", "WorkloadEndpointUpdate"])
        #expect(h.tiers(of: Seed.db) == [])
        #expect(h.tiers(of: Seed.feLocal)?.first?.ingressPolicies == [K.policyID(Seed.allowFE)])
        #expect(h.violation == nil)
    }

    @Test("writing every object again unchanged emits nothing")
    func silence() {
        let h = Harness()
        h.start(Seed.all)
        h.graph.apply(Seed.all.map(Write.put))
        #expect(h.flush().isEmpty)
        h.graph.markInSync()  // A second in-sync is not announced again.
        #expect(h.flush().isEmpty)
    }

    @Test("deleting everything empties the dataplane and every internal structure")
    func deleteEverything() {
        let h = Harness()
        let extra = K.policy("from-area2", ns: "prod", selecting: ["role": "db"], from: [K.namespaces(["area": "area2"])])
        let objects = Seed.all + [Seed.feLocal, extra]
        h.start(objects)
        #expect(!h.graph.isEmptyInternally)
        for object in objects.reversed() { h.graph.apply(K.delete(object)) }
        h.flush()
        #expect(h.violation == nil)
        #expect(h.state.ipSets.isEmpty && h.state.policies.isEmpty && h.state.profiles.isEmpty && h.state.endpoints.isEmpty)
        #expect(h.graph.internalLeakReport == [])
        #expect(h.graph.isEmptyInternally)
    }

    @Test("coalescing: a member added and removed within one flush cancels out")
    func coalescing() {
        let h = Harness()
        h.start(Seed.all)
        let passing = K.pod("passing", ns: "prod", host: remoteHost, ip: "10.0.0.9", labels: ["role": "fe"])
        h.graph.apply(.put(passing))
        h.graph.apply(K.delete(passing))
        #expect(h.flush().isEmpty)
        // A policy created and deleted before a flush is never sent.
        let brief = K.policy("brief", ns: "prod", selecting: ["role": "db"])
        h.graph.apply(.put(brief))
        h.graph.apply(K.delete(brief))
        #expect(h.flush().map(\.kindName) == ["WorkloadEndpointUpdate"])
    }

    @Test("named-port sets follow the pods' ports")
    func namedPorts() {
        let h = Harness()
        let http = K.policy("http", ns: "prod", selecting: ["role": "db"], from: [K.pods(["role": "fe"])],
            ports: [NetworkPolicyPort(protocol: "TCP", port: .string("http"))])
        let fe = K.pod("fe", ns: "prod", host: remoteHost, ip: "10.0.0.2", labels: ["role": "fe"],
            ports: [ContainerPort(name: "http", containerPort: 8080)])
        h.start([Seed.prod, Seed.db, fe, http])
        let sets = K.ipSetIDs(http)
        let members = sets.compactMap { h.members(of: $0) }.reduce(into: Set<String>()) { $0.formUnion($1) }
        #expect(members.contains("10.0.0.2,tcp:8080"))
        let noPort = K.pod("fe", ns: "prod", host: remoteHost, ip: "10.0.0.2", labels: ["role": "fe"])
        h.put(noPort)
        let after = sets.compactMap { h.members(of: $0) }.reduce(into: Set<String>()) { $0.formUnion($1) }
        #expect(!after.contains("10.0.0.2,tcp:8080"))
        #expect(h.violation == nil)
    }
}
