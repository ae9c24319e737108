import Calico

// Workloads: the three load patterns of Felix's original k8sfv, as fixed scenarios (no choices).
// Takes a scale (seed: the standard seed cluster; small: its miniature) and a step count; gives a
// Scenario with exactly that many steps (fewer only when the pattern has nothing to act on).
// - rotateMaturity: every step moves each namespace's maturity one place along the ring,
//   production → out-of-service first and staging → production last.
// - podRingChurn: walks the pods in sorted order as a ring; step 2k deletes pod k, step 2k+1
//   creates it again (same name, labels and host, a fresh IP, as a recreated pod gets).
// - policyChurn: keeps `alive` (10) policies: creates until there are 10, then alternately deletes
//   the oldest and creates a new one (so 9 or 10 are alive at any time).
// Cost: O(cluster + steps · writes per step).

public enum Workloads {
    /// The workload names `k8sfv gen --workload` accepts.
    public static let names = ["rotateMaturity", "podRingChurn", "policyChurn"]

    /// The workload called `name`, or nil when there is none.
    public static func named(_ name: String, scale: ClusterScale, steps: Int) -> Scenario? {
        switch name {
        case "rotateMaturity": return rotateMaturity(scale: scale, steps: steps)
        case "podRingChurn": return podRingChurn(scale: scale, steps: steps)
        case "policyChurn": return policyChurn(scale: scale, steps: steps)
        default: return nil
        }
    }

    private static func start(_ scale: ClusterScale) -> GenerationState {
        GenerationState(initial: SeedCluster.forScale(scale).objects)
    }

    private static func scenario(_ initial: [KubeObject], _ state: GenerationState, _ steps: [Step]) -> Scenario {
        Scenario(localHost: state.localHost, initial: initial, steps: steps)
    }

    public static func rotateMaturity(scale: ClusterScale, steps: Int) -> Scenario {
        var state = start(scale)
        let initial = state.population.snapshot.allObjects
        var result: [Step] = []
        for _ in 0..<max(0, steps) {
            guard let writes = state.rotateMaturityStep() else { break }
            state.population.apply(writes)
            result.append(Step(kind: .rotateMaturity, writes: writes))
        }
        return scenario(initial, state, result)
    }

    public static func podRingChurn(scale: ClusterScale, steps: Int) -> Scenario {
        var state = start(scale)
        let initial = state.population.snapshot.allObjects
        let ring = state.population.podKeys
        var result: [Step] = []
        var deleted: Pod?
        for index in 0..<max(0, steps) {
            guard !ring.isEmpty else { break }
            if let pod = deleted {
                let fresh = state.names.addresses()
                let recreated = PodFactory.withAddresses(pod, ipv4: fresh.ipv4, ipv6: nil)
                result.append(Step(kind: .createPod, writes: [.put(.pod(recreated))]))
                deleted = nil
            } else {
                let key = ring[(index / 2) % ring.count]
                guard let pod = state.population.pod(key) else { break }
                result.append(Step(kind: .deletePod, writes: [.delete(KubeObject.pod(pod).ref)]))
                deleted = pod
            }
            state.population.apply(result[result.count - 1].writes)
        }
        return scenario(initial, state, result)
    }

    public static func policyChurn(scale: ClusterScale, steps: Int, alive: Int = 10) -> Scenario {
        var state = start(scale)
        let initial = state.population.snapshot.allObjects
        let namespaces = state.population.namespaceNames
        var living: [ObjectRef] = []
        var made = 0
        var result: [Step] = []
        while result.count < max(0, steps), !namespaces.isEmpty {
            let step: Step
            if living.count >= max(1, alive) {
                step = Step(kind: .deletePolicy, writes: [.delete(living.removeFirst())])
            } else {
                let policy = churnPolicy(made, namespaces: namespaces, name: state.names.policyName())
                made += 1
                living.append(KubeObject.networkPolicy(policy).ref)
                step = Step(kind: .createPolicy, writes: [.put(.networkPolicy(policy))])
            }
            state.population.apply(step.writes)
            result.append(step)
        }
        return scenario(initial, state, result)
    }

    /// Policy number i of the churn: selects one role, allows one other role from namespaces of
    /// one maturity on a named port, and egress to one area's namespaces on TCP 53–443.
    static func churnPolicy(_ i: Int, namespaces: [String], name: String) -> NetworkPolicy {
        let roles = Vocabulary.roles
        let ingress = NetworkPolicyIngressRule(
            ports: [NetworkPolicyPort(protocol: "TCP", port: .string("http"))],
            from: [NetworkPolicyPeer(
                podSelector: LabelSelector(matchLabels: ["role": roles[(i + 1) % roles.count]]),
                namespaceSelector: LabelSelector(matchExpressions: [
                    LabelSelectorRequirement(
                        key: "maturity", operator: "In",
                        values: [Vocabulary.maturities[i % Vocabulary.maturities.count]]),
                ]))])
        let egress = NetworkPolicyEgressRule(
            ports: [NetworkPolicyPort(protocol: "TCP", port: .int(53), endPort: 443)],
            to: [NetworkPolicyPeer(
                namespaceSelector: LabelSelector(matchLabels: ["area": Vocabulary.areas[i % Vocabulary.areas.count]]))])
        return NetworkPolicy(
            metadata: ObjectMeta(name: name, namespace: namespaces[i % namespaces.count]),
            spec: NetworkPolicySpec(
                podSelector: LabelSelector(matchLabels: ["role": roles[i % roles.count]]),
                policyTypes: ["Ingress", "Egress"], ingress: [ingress], egress: [egress]))
    }
}
