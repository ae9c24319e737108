import Calico
import CalcGraph
import Driver
import Oracle
import Testing

// A small deterministic random walk over pods, namespaces and policies, with the graph's
// rebuilt dataplane checked against the from-scratch Oracle after every step. (The real fuzz
// campaign lives in the Driver; this is the graph's own safety net, and a check that the
// injected bugs are reachable from Kubernetes writes.)

/// SplitMix64, enough for a test's walk (shared with CalicoResourceWalkTests).
struct WalkRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
}

/// What a walk found: the first problem, if any.
struct WalkFinding: CustomStringConvertible {
    var step: Int
    var problem: String
    /// The property layer's failure, for walks judged through it (the Calico walks).
    var failure: Failure? = nil
    var description: String { "step \(step): \(problem)" }
}

private enum Walk {
    static let namespaces = ["ns0", "ns1", "ns2"]

    static func namespace(_ r: inout WalkRandom, _ name: String) -> KubeObject {
        var labels = ["area": r.pick(["a1", "a2"])]
        if r.chance(30) { labels["flag"] = "" }
        return K.namespace(name, labels)
    }

    static func pod(_ r: inout WalkRandom, _ name: String) -> KubeObject {
        var labels: [String: String] = [:]
        if r.chance(80) { labels["role"] = r.pick(["r1", "r2", "r3"]) }
        if r.chance(30) { labels["flag"] = "" }
        let ports = r.chance(40) ? [ContainerPort(name: "http", containerPort: 8080)] : []
        return K.pod(
            name, ns: r.pick(namespaces), host: r.pick([localHost, remoteHost]),
            ip: r.chance(90) ? "10.0.0.\(1 + r.int(6))" : nil, labels: labels, ports: ports,
            phase: r.chance(10) ? "Succeeded" : "Running",
            deletionTimestamp: r.chance(5) ? "2026-01-01T00:00:00Z" : nil)
    }

    static func policy(_ r: inout WalkRandom, _ name: String, ns: String) -> KubeObject {
        let selecting = r.chance(20) ? [:] : ["role": r.pick(["r1", "r2", "r3"])]
        let peers: [NetworkPolicyPeer] = [
            K.pods(["role": r.pick(["r1", "r2", "r3"])]),
            K.namespaces(["area": r.pick(["a1", "a2"])]),
            K.podsWhere("role", "NotIn", ["r1"]),
            K.podsWhere("flag", "Exists"),
        ]
        let from = (0..<(1 + r.int(2))).map { _ in r.pick(peers) }
        let ports: [NetworkPolicyPort]? = r.pick([nil, [NetworkPolicyPort(protocol: "TCP", port: .int(80))],
            [NetworkPolicyPort(protocol: "TCP", port: .string("http"))]])
        let types = r.pick([["Ingress"], ["Ingress", "Egress"]])
        return K.policy(name, ns: ns, selecting: selecting, from: from, ports: ports, types: types)
    }

    /// One walk; returns the first problem found (nil = clean).
    static func run(seed: UInt64, steps: Int, bugs: Set<InjectedBug> = []) -> WalkFinding? {
        var r = WalkRandom(state: seed)
        var snapshot = ClusterSnapshot()
        let graph = CalcGraph(localHost: localHost, injections: bugs)
        var state = DataplaneState()

        func write(_ w: Write) {
            snapshot.apply(w)
            graph.apply(w)
        }
        func flushAndCheck(_ step: Int, expectSilence: Bool = false) -> WalkFinding? {
            let messages = graph.flush()
            if expectSilence && !messages.isEmpty {
                return WalkFinding(step: step, problem: "rewrite emitted \(messages.map(\.kindName))")
            }
            do throws(StreamViolation) {
                try state.apply(contentsOf: messages)
            } catch {
                return WalkFinding(step: step, problem: "stream violation \(error)")
            }
            let expected = Oracle.expectedState(of: snapshot, localHost: localHost)
            let differences = state.differences(from: expected)
            if !differences.isEmpty {
                return WalkFinding(step: step, problem: "differs: \(differences.prefix(3).map(String.init(describing:)))")
            }
            return nil
        }

        // Initial cluster, with one flush before in-sync (endpoints must not appear in it).
        for name in namespaces where r.chance(80) { write(.put(namespace(&r, name))) }
        for i in 0..<5 { write(.put(pod(&r, "p\(i)"))) }
        for i in 0..<3 { write(.put(policy(&r, "pol\(i)", ns: r.pick(namespaces)))) }
        let early = graph.flush()
        if early.contains(where: { $0.kindName == "WorkloadEndpointUpdate" }) {
            return WalkFinding(step: 0, problem: "endpoint sent before InSync")
        }
        do throws(StreamViolation) { try state.apply(contentsOf: early) } catch {
            return WalkFinding(step: 0, problem: "stream violation \(error)")
        }
        graph.markInSync()
        if let finding = flushAndCheck(0) { return finding }

        for step in 1...steps {
            var silent = false
            switch r.int(11) {
            case 10:
                // Change an existing policy's ports only (same selector, same peers).
                let policies = snapshot.sortedPolicies
                guard !policies.isEmpty else { continue }
                var policy = r.pick(policies)
                let ports: [NetworkPolicyPort]? = r.pick([nil, [NetworkPolicyPort(protocol: "TCP", port: .int(80))],
                    [NetworkPolicyPort(protocol: "UDP", port: .int(53))]])
                policy.spec.ingress = policy.spec.ingress?.map { NetworkPolicyIngressRule(ports: ports, from: $0.from) }
                write(.put(.networkPolicy(policy)))
            case 9:
                // Delete an object and create it again before the next flush (kubectl replace --force).
                let objects = snapshot.allObjects.filter { $0.kind != .namespace }
                guard !objects.isEmpty else { continue }
                let object = r.pick(objects)
                write(.delete(object.ref))
                write(.put(object))
            case 0: write(.put(pod(&r, "p\(r.int(8))")))
            case 1, 8:
                // Relabel an existing pod: toggle the empty-valued `flag`, or change its role.
                let pods = snapshot.sortedPods
                guard !pods.isEmpty else { continue }
                var pod = r.pick(pods)
                var labels = pod.labels
                if r.chance(50) {
                    labels["flag"] = labels["flag"] == nil ? "" : nil
                } else {
                    labels["role"] = r.pick(["r1", "r2", "r3"])
                }
                pod.metadata.labels = labels.isEmpty ? nil : labels
                write(.put(.pod(pod)))
            case 2: write(.delete(ObjectRef(kind: .pod, namespace: r.pick(namespaces), name: "p\(r.int(8))")))
            case 3: write(.put(namespace(&r, r.pick(namespaces))))
            case 4: write(.put(policy(&r, "pol\(r.int(5))", ns: r.pick(namespaces))))
            case 5: write(.delete(ObjectRef(kind: .networkPolicy, namespace: r.pick(namespaces), name: "pol\(r.int(5))")))
            case 6:
                let name = r.pick(namespaces)
                for pod in snapshot.sortedPods where pod.namespace == name { write(.delete(pod.metadata.asRef(.pod))) }
                for policy in snapshot.sortedPolicies where policy.namespace == name {
                    write(.delete(policy.metadata.asRef(.networkPolicy)))
                }
                write(.delete(ObjectRef(kind: .namespace, name: name)))
            default:
                if let finding = flushAndCheck(step) { return finding }
                silent = true
                for object in snapshot.allObjects { graph.apply(.put(object)) }
            }
            // Sometimes let writes pile up, as Felix's rate-limited flushes do.
            if !silent && step < steps && r.chance(30) { continue }
            if let finding = flushAndCheck(step, expectSilence: silent) { return finding }
        }

        for object in snapshot.allObjects.reversed() { write(.delete(object.ref)) }
        if let finding = flushAndCheck(steps + 1) { return finding }
        if !graph.isEmptyInternally {
            return WalkFinding(step: steps + 1, problem: "leak: \(graph.internalLeakReport)")
        }
        return nil
    }
}

extension ObjectMeta {
    fileprivate func asRef(_ kind: ObjectKind) -> ObjectRef { ObjectRef(kind: kind, namespace: namespace, name: name) }
}

@Suite("CalcGraph against the Oracle")
struct OracleWalkTests {
    @Test("random walks agree with the Oracle after every step, stay silent on rewrites, and leave no leaks")
    func walks() {
        for seed in UInt64(1)...25 {
            let finding = Walk.run(seed: seed, steps: 50)
            #expect(finding == nil, "seed \(seed): \(finding.map(String.init(describing:)) ?? "")")
            if finding != nil { return }
        }
    }

    // Kubernetes walks reach only these; CalicoResourceWalkTests catches the Calico-only ones.
    @Test("each injected bug is caught by some walk", arguments: InjectedBug.kubernetesReachable)
    func bugReachable(_ bug: InjectedBug) {
        let catching = (UInt64(1)...60).first { Walk.run(seed: $0, steps: 40, bugs: [bug]) != nil }
        #expect(catching != nil, "no walk caught \(bug.rawValue)")
    }
}
