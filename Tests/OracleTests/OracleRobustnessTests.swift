import Calico
import Testing
@testable import Oracle

/// The oracle must give an answer for any snapshot, however odd: random objects built from a
/// small alphabet of awkward values (empty strings, bad IPs, odd operators, named and
/// negative ports) must neither crash it nor break the stream guarantees.
@Suite struct OracleRobustnessTests {
    /// A tiny deterministic generator (SplitMix64), so failures replay.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
    }

    static let names = ["a", "b", "", "x.y", "Ω"]
    static let labelKeys = ["app", "role", "pcns.env", "projectcalico.org/namespace", "", "k/x"]
    static let labelValues = ["web", "db", "", "a b", "'q'"]
    static let ips: [String?] = ["10.0.0.1", "10.0.0.2", "fd00::1", "", "10.0.0.300", "bogus", nil]
    static let hosts: [String?] = ["node-a", "node-b", "", nil]

    static func labels(_ r: inout Random) -> [String: String] {
        var labels: [String: String] = [:]
        for _ in 0..<Int(r.next() % 3) { labels[r.pick(labelKeys)] = r.pick(labelValues) }
        return labels
    }

    static func selector(_ r: inout Random) -> LabelSelector? {
        if r.chance(20) { return nil }
        let ops = ["In", "NotIn", "Exists", "DoesNotExist", "Bogus"]
        let expressions = r.chance(50) ? [LabelSelectorRequirement(key: r.pick(labelKeys), operator: r.pick(ops),
            values: r.chance(50) ? [r.pick(labelValues)] : [])] : nil
        return LabelSelector(matchLabels: labels(&r), matchExpressions: expressions)
    }

    static func peer(_ r: inout Random) -> NetworkPolicyPeer {
        NetworkPolicyPeer(podSelector: selector(&r), namespaceSelector: selector(&r),
            ipBlock: r.chance(20) ? IPBlock(cidr: r.pick(["10.0.0.0/8", "bogus", "", "fd00::/64"]), except: r.chance(50) ? ["10.1.0.0/16", "x"] : nil) : nil)
    }

    static func port(_ r: inout Random) -> NetworkPolicyPort {
        NetworkPolicyPort(protocol: r.pick([nil, "TCP", "UDP", "SCTP", "tcp", "ICMP"]),
            port: r.pick([nil, .int(80), .int(-5), .int(70000), .string("http"), .string(""), .string("80")]),
            endPort: r.pick([nil, 90, 10]))
    }

    static func snapshot(seed: UInt64) -> ClusterSnapshot {
        var r = Random(state: seed)
        var objects: [KubeObject] = []
        for _ in 0..<Int(r.next() % 3) {
            objects.append(.namespace(Namespace(name: r.pick(names), labels: labels(&r))))
        }
        for index in 0..<Int(r.next() % 6) {
            let ip = r.pick(ips)
            let ports = [ContainerPort(name: r.pick([nil, "http", "dns", ""]), containerPort: r.pick([0, 80, 8080, 53]),
                                       protocol: r.pick([nil, "TCP", "UDP", "SCTP", "ICMP"]))]
            objects.append(.pod(Pod(
                metadata: ObjectMeta(name: "p\(index)", namespace: r.pick(names), labels: labels(&r)),
                spec: PodSpec(nodeName: r.pick(hosts), serviceAccountName: r.pick([nil, "default", "", "sa"]),
                    hostNetwork: r.pick([nil, true, false]), containers: [Container(name: "c", ports: ports)]),
                status: PodStatus(phase: r.pick([nil, "Running", "Succeeded", "Failed"]), podIP: ip,
                    podIPs: ip.map { [PodIP(ip: $0)] }))))
        }
        for index in 0..<Int(r.next() % 4) {
            let ingress = (0..<Int(r.next() % 3)).map { _ in
                NetworkPolicyIngressRule(ports: r.chance(50) ? [port(&r)] : nil, from: r.chance(70) ? [peer(&r)] : nil)
            }
            let egress = (0..<Int(r.next() % 2)).map { _ in
                NetworkPolicyEgressRule(ports: r.chance(50) ? [port(&r)] : nil, to: r.chance(70) ? [peer(&r)] : nil)
            }
            let types: [String]? = r.pick([nil, [], ["Ingress"], ["Egress"], ["Ingress", "Egress"], ["Bogus"]])
            objects.append(.networkPolicy(NetworkPolicy(
                metadata: ObjectMeta(name: "np\(index)", namespace: r.pick(names)),
                spec: NetworkPolicySpec(podSelector: selector(&r) ?? LabelSelector(), policyTypes: types,
                    ingress: r.chance(80) ? ingress : nil, egress: egress))))
        }
        return ClusterSnapshot(objects: objects)
    }

    @Test func randomOddSnapshotsGiveConsistentStates() throws {
        for seed in UInt64(1)...300 {
            let snapshot = Self.snapshot(seed: seed)
            for host in ["node-a", ""] {
                let state = Oracle.expectedState(of: snapshot, localHost: host)
                #expect(state.inSync)
                // Every reference resolves: replaying the state as one Felix flush is accepted.
                var messages: [FelixMessage] = state.ipSets.keys.sorted().map {
                    .ipSetUpdate(IPSetUpdate(id: $0, members: state.ipSets[$0]!.members.sorted(), type: state.ipSets[$0]!.type))
                }
                messages += state.policies.keys.sorted().map { .activePolicyUpdate(id: $0, policy: state.policies[$0]!) }
                messages += state.profiles.keys.sorted().map { .activeProfileUpdate(id: $0, profile: state.profiles[$0]!) }
                messages += state.endpoints.keys.sorted().map { .workloadEndpointUpdate(id: $0, endpoint: state.endpoints[$0]!) }
                var rebuilt = DataplaneState()
                do {
                    try rebuilt.apply(contentsOf: messages + [.inSync])
                } catch {
                    Issue.record("seed \(seed) host '\(host)': \(error)")
                }
                #expect(rebuilt == state, "seed \(seed)")
                // No endpoint for a pod on another host.
                #expect(state.endpoints.keys.allSatisfy { id in
                    snapshot.sortedPods.contains { "\($0.namespace)/\($0.name)" == id.workloadID && $0.spec.nodeName == host }
                }, "seed \(seed)")
            }
        }
    }
}
