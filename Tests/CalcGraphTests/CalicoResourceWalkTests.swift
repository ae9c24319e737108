import Calico
import CalcGraph
import Driver
import Oracle
import Testing

// Random walks that mix Kubernetes writes with Calico's own resources (Tiers with Pass and
// float orders, Calico NetworkPolicies and GlobalNetworkPolicies with selectors, notSelectors,
// namespaceSelectors and serviceAccountSelectors, NetworkSets and GlobalNetworkSets with
// overlapping nets), with the model's rebuilt dataplane compared with the oracle's after every
// flush. A test-only generator: the scenario generators do not write Calico resources.

/// What a walk saw, so that a test can check it was not vacuous.
struct CalicoWalkCoverage {
    var calicoPoliciesActive = 0
    var passTiers = 0
    var networkSetMembers = 0
    mutating func add(_ other: CalicoWalkCoverage) {
        calicoPoliciesActive += other.calicoPoliciesActive
        passTiers += other.passTiers
        networkSetMembers += other.networkSetMembers
    }
}

enum CalicoWalk {
    static let namespaces = ["ns0", "ns1"]
    /// The whole selector language over a small vocabulary, so that selectors match often;
    /// the last one does not parse (its policy is invalid, as in Felix).
    static let selectors = [
        "all()", "role == 'r1'", "role != 'r2'", "has(flag)", "!has(role)", "role in {'r1', 'r3'}",
        "role not in {'r1'}", "role contains '2'", "role starts with 'r'", "role ends with '3'",
        "kind == 'trusted'", "(role == 'r1' || kind == 'trusted') && !has(flag)", "pcns.env == 'e1'",
        "projectcalico.org/namespace == 'ns1'", "pcsa.team == 'blue'", "!(kind == 'other')", "role ==",
    ]
    static let namespaceSelectors = [nil, "env == 'e1'", "has(flag)", "all()", "global()", "env in {'e2'}"]
    static let nets = ["10.0.0.0/24", "10.0.0.4/32", "10.0.0.0/16", "0.0.0.0/0", "10.0.0.2", "fd00::/64", "192.0.2.0/24", "10.0.0.0/30"]
    static let orders: [Double?] = [nil, 1, 1.5, 10, 1000, 1000.5]
    static let tiers: [String?] = [nil, "default", "t1", "t2"]

    static func namespace(_ r: inout WalkRandom, _ name: String) -> KubeObject {
        var labels = ["env": r.pick(["e1", "e2"])]
        if r.chance(30) { labels["flag"] = "" }
        return K.namespace(name, labels)
    }

    static func pod(_ r: inout WalkRandom, _ name: String) -> KubeObject {
        var labels: [String: String] = [:]
        if r.chance(80) { labels["role"] = r.pick(["r1", "r2", "r3"]) }
        if r.chance(30) { labels["flag"] = "" }
        if r.chance(20) { labels["kind"] = "trusted" }
        var pod = K.podObject(
            name, ns: r.pick(namespaces), host: r.pick([localHost, localHost, remoteHost]),
            ip: "10.0.0.\(1 + r.int(6))", labels: labels,
            ports: r.chance(40) ? [ContainerPort(name: "http", containerPort: 8080)] : [])
        if r.chance(30) { pod.spec.serviceAccountName = "robot" }
        return .pod(pod)
    }

    static func side(_ r: inout WalkRandom) -> V3EntityRule {
        var side = V3EntityRule()
        switch r.int(6) {
        case 0: side.selector = r.pick(selectors.dropLast())
        case 1: side.notSelector = r.pick(selectors.dropLast())
        case 2: side.nets = [r.pick(nets)]
        case 3: side.namespaceSelector = r.pick(namespaceSelectors.compactMap { $0 })
        case 4: side.selector = r.pick(selectors.dropLast()); side.notNets = [r.pick(nets)]
        default: break
        }
        return side
    }

    static func rules(_ r: inout WalkRandom) -> [V3Rule]? {
        if r.chance(20) { return nil }
        return (0..<(1 + r.int(2))).map { _ in
            var destination = V3EntityRule()
            var proto: V3Protocol? = nil
            if r.chance(30) {
                proto = .name("TCP")
                destination.ports = [r.pick([CalicoPort.range(min: 80, max: 80), .range(min: 1000, max: 2000), .named("http")])]
            }
            return C.rule(r.pick(V3Action.allCases), from: side(&r), to: destination, protocol: proto)
        }
    }

    static func types(_ r: inout WalkRandom) -> [String]? {
        r.pick([nil, ["Ingress"], ["Egress"], ["Ingress", "Egress"]])
    }

    static func calicoPolicy(_ r: inout WalkRandom) -> V3Resource {
        C.policy(
            "cp\(r.int(3))", ns: r.pick(namespaces), tier: r.pick(tiers), order: r.pick(orders),
            selector: r.pick(selectors), types: types(&r), ingress: rules(&r), egress: rules(&r),
            serviceAccountSelector: r.chance(20) ? "team == 'blue'" : nil)
    }

    static func globalPolicy(_ r: inout WalkRandom) -> V3Resource {
        C.global(
            "gp\(r.int(3))", tier: r.pick(tiers), order: r.pick(orders), selector: r.pick(selectors),
            namespaceSelector: r.pick(namespaceSelectors), types: types(&r), ingress: rules(&r), egress: rules(&r))
    }

    static func networkSet(_ r: inout WalkRandom) -> V3Resource {
        var labels = ["kind": r.pick(["trusted", "other"])]
        if r.chance(30) { labels["role"] = r.pick(["r1", "r2"]) }
        let chosen = (0..<(1 + r.int(3))).map { _ in r.pick(nets) }
        return r.chance(50)
            ? C.networkSet("set\(r.int(2))", ns: r.pick(namespaces), labels: labels, nets: chosen)
            : C.globalSet("gset\(r.int(2))", labels: labels, nets: chosen)
    }

    static func tier(_ r: inout WalkRandom) -> V3Resource {
        C.tier(r.pick(["t1", "t2", "default"]), order: r.pick([nil, 1, 50.5, 100, 2000]), pass: r.chance(50))
    }

    /// One walk; the first disagreement with the oracle (nil = clean) and what it covered.
    static func run(seed: UInt64, steps: Int, bugs: Set<InjectedBug> = []) -> (WalkFinding?, CalicoWalkCoverage) {
        var r = WalkRandom(state: seed)
        // Judged by the property layer (stream integrity, then convergence with the oracle), so a
        // finding carries the failure's signature.
        let run = CalicoPropertyRun(bugs: bugs)
        let graph = run.graph
        var snapshot: ClusterSnapshot { run.snapshot }
        var coverage = CalicoWalkCoverage()

        func write(_ w: Write) { run.write(w) }
        func write(_ w: CalicoWrite) { run.write(w) }
        func flushAndCheck(_ step: Int) -> WalkFinding? {
            if let failure = run.checkpoint(kind: "walk") {
                return WalkFinding(step: step, problem: "\(failure.signature): \(failure.details.prefix(3))", failure: failure)
            }
            let state = run.observed
            coverage.calicoPoliciesActive += state.policies.keys.filter { $0.kind != "KubernetesNetworkPolicy" }.count
            coverage.passTiers += state.endpoints.values.flatMap(\.tiers).filter { $0.defaultAction == "Pass" }.count
            coverage.networkSetMembers += state.ipSets.values.flatMap(\.members).filter { !$0.hasSuffix("/32") }.count
            return nil
        }

        for name in namespaces { write(.put(namespace(&r, name))) }
        for i in 0..<4 { write(.put(pod(&r, "p\(i)"))) }
        for _ in 0..<2 { write(.put(calicoPolicy(&r))) }
        write(.put(globalPolicy(&r)))
        write(.put(networkSet(&r)))
        if r.chance(50) { write(.put(tier(&r))) }
        graph.markInSync()
        if let finding = flushAndCheck(0) { return (finding, coverage) }

        for step in 1...steps {
            switch r.int(14) {
            case 0, 1: write(.put(pod(&r, "p\(r.int(6))")))
            case 2: write(.delete(ObjectRef(kind: .pod, namespace: r.pick(namespaces), name: "p\(r.int(6))")))
            case 3: write(.put(namespace(&r, r.pick(namespaces))))
            case 4: write(.put(tier(&r)))
            case 5: write(.delete(V3ResourceKey(kind: "Tier", namespace: "", name: r.pick(["t1", "t2", "default"]))))
            case 6, 7: write(.put(calicoPolicy(&r)))
            case 8: write(.put(globalPolicy(&r)))
            case 9:
                let policies = snapshot.sortedCalicoResources.filter { $0.kind.hasSuffix("NetworkPolicy") }
                if !policies.isEmpty { write(.delete(r.pick(policies).key)) }
            case 10, 11: write(.put(networkSet(&r)))
            case 12:
                let sets = snapshot.sortedCalicoResources.filter { $0.kind.hasSuffix("NetworkSet") }
                if !sets.isEmpty { write(.delete(r.pick(sets).key)) }
            default:
                let account = ServiceAccount(namespace: r.pick(namespaces), name: "robot", labels: ["team": r.pick(["blue", "red"])])
                write(.put(.serviceAccount(account)))
            }
            if step < steps && r.chance(30) { continue }
            if let finding = flushAndCheck(step) { return (finding, coverage) }
        }

        for resource in snapshot.sortedCalicoResources { write(.delete(resource.key)) }
        for object in snapshot.allObjects.reversed() { write(.delete(object.ref)) }
        if let finding = flushAndCheck(steps + 1) { return (finding, coverage) }
        if !graph.isEmptyInternally {
            return (WalkFinding(step: steps + 1, problem: "leak: \(graph.internalLeakReport)"), coverage)
        }
        return (nil, coverage)
    }
}

@Suite("CalcGraph Calico resources against the Oracle")
struct CalicoResourceWalkTests {
    @Test("random walks with Calico resources agree with the Oracle after every flush and leave no leaks")
    func walks() {
        var coverage = CalicoWalkCoverage()
        for seed in UInt64(1)...40 {
            let (finding, covered) = CalicoWalk.run(seed: seed, steps: 60)
            coverage.add(covered)
            #expect(finding == nil, "seed \(seed): \(finding.map(String.init(describing:)) ?? "")")
            if finding != nil { return }
        }
        // Not vacuous: Calico policies were active, Pass tiers listed, network-set CIDRs programmed.
        #expect(coverage.calicoPoliciesActive > 100, "\(coverage)")
        #expect(coverage.passTiers > 20, "\(coverage)")
        #expect(coverage.networkSetMembers > 20, "\(coverage)")
    }

    /// Walks that find each Calico-only injected bug: the seeds to try, and how many steps.
    static let bugSeeds = UInt64(1)...40
    static let bugSteps = 60

    /// Each injected bug that needs Calico resources shows in some walk: the walk with the bug
    /// disagrees with the oracle (or breaks the stream) where the same walk without it is
    /// clean (the `walks` test); the first three findings are kept, and their identities checked.
    @Test("each Calico-only injected bug is caught by some walk", arguments: InjectedBug.allCases.filter(\.needsCalicoResources))
    func bugCaught(_ bug: InjectedBug) {
        var findings: [WalkFinding] = []
        for seed in Self.bugSeeds where findings.count < 3 {
            if let finding = CalicoWalk.run(seed: seed, steps: Self.bugSteps, bugs: [bug]).0 { findings.append(finding) }
        }
        #expect(!findings.isEmpty, "no walk caught \(bug.rawValue)")
        #expect(findings.allSatisfy { $0.failure != nil }, "a finding without a property failure (a leak?)")
        // The walks name the bug as its hand-written sequence does, and never by another
        // Calico-only bug's identity: the identities stay apart in random sequences too.
        let signatures = findings.compactMap { $0.failure?.signature.description }
        let own = CalicoInjectedBugTests.signatures[bug]
        #expect(signatures.contains { $0 == own }, "\(bug.rawValue): walks found \(signatures), the sequence \(own ?? "")")
        let others = CalicoInjectedBugTests.signatures.filter { $0.key != bug }
        for signature in signatures {
            #expect(!others.values.contains(signature), "\(bug.rawValue) shows another bug's identity \(signature)")
        }
    }
}
