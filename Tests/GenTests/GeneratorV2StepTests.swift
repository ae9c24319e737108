import Calico
import Testing
@testable import Gen

// The step kinds and biases of generator version 2: terminating pods, restarts, replaced
// policies, the empty-valued `canary` label and selectors shared between policies. Each test
// drives one step on a fixed small cluster, or counts what a thousand sequences produce.

@Suite struct GeneratorV2StepTests {
    static let namespace = Namespace(name: "ns-0", labels: [Vocabulary.namespaceNameLabel: "ns-0"])

    /// A cluster of two hosts, one namespace, one local running pod and one policy over it.
    static func state() -> GenerationState {
        let pod = PodFactory.pod(PodShape(
            name: "pod-0", namespace: "ns-0", labels: ["role": "role1"], nodeName: "host-0",
            ipv4: "10.128.0.1", ipv6: nil, ports: []))
        let policy = NetworkPolicy(
            metadata: ObjectMeta(name: "policy-0", namespace: "ns-0"),
            spec: NetworkPolicySpec(
                podSelector: LabelSelector(matchLabels: ["role": "role1"]), policyTypes: ["Ingress"],
                ingress: [NetworkPolicyIngressRule(from: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["role": "role2"]))])]))
        return GenerationState(initial: [
            .namespace(namespace), .node(SeedCluster.node(0)), .node(SeedCluster.node(1)), .pod(pod), .networkPolicy(policy),
        ])
    }

    /// A draw that replays `choices` (then zeros).
    static func draw(_ choices: [UInt64] = []) -> Draw {
        Draw(backend: ChoiceSource(replaying: ChoiceSequence(choices)))
    }

    @Test func terminatePodSetsADeletionTimestampAndKeepsTheAddress() throws {
        var state = Self.state()
        let writes = try #require(try state.writes(for: .terminatePod, Self.draw()))
        guard case .put(.pod(let pod))? = writes.first, writes.count == 1 else {
            Issue.record("expected one pod put, got \(writes)")
            return
        }
        #expect(pod.metadata.deletionTimestamp == PodFactory.deletionTimestamp)
        #expect(pod.status?.podIP == "10.128.0.1" && pod.status?.phase == "Running")
        // The CNI plugin has not released the address, so Calico still sees the pod.
        #expect(pod.metadata.annotations?[PodAnnotations.podIP] == nil)
        #expect(PodConversion.endpoint(for: pod) != nil)
        // A terminating pod is not terminated again: with no other pod the step has no target.
        state.population.apply(writes)
        #expect(try state.writes(for: .terminatePod, Self.draw()) == nil)
        #expect(try state.step(Self.draw(), preferring: .terminatePod).kind == .createPod)
    }

    @Test func restartPodRecreatesThePodOnItsHostWithAFreshAddress() throws {
        var state = Self.state()
        let old = try #require(state.population.pod(ObjectKey(namespace: "ns-0", name: "pod-0")))
        let terminating = PodFactory.terminating(old, cniReleased: true)
        state.population.apply(.put(.pod(terminating)))
        let writes = try #require(try state.writes(for: .restartPod, Self.draw()))
        #expect(writes.first == .delete(KubeObject.pod(old).ref))
        guard writes.count == 2, case .put(.pod(let pod)) = writes[1] else {
            Issue.record("expected a delete then a put, got \(writes)")
            return
        }
        #expect(pod.name == old.name && pod.spec.nodeName == old.spec.nodeName && pod.labels == old.labels)
        #expect(pod.status?.podIP != nil && pod.status?.podIP != old.status?.podIP)
        // The new incarnation carries nothing of the old one's deletion.
        #expect(pod.metadata.deletionTimestamp == nil && pod.metadata.annotations == nil)
        #expect(KubeValidation.validate(.pod(pod)).isEmpty)
    }

    @Test func replacePolicyDeletesAndRecreatesWithTheSameSelectorAndTypes() throws {
        var state = Self.state()
        let old = try #require(state.population.policy(ObjectKey(namespace: "ns-0", name: "policy-0")))
        let writes = try #require(try state.writes(for: .replacePolicy, Self.draw()))
        #expect(writes.first == .delete(KubeObject.networkPolicy(old).ref))
        guard writes.count == 2, case .put(.networkPolicy(let policy)) = writes[1] else {
            Issue.record("expected a delete then a put, got \(writes)")
            return
        }
        #expect(policy.name == old.name && policy.spec.podSelector == old.spec.podSelector)
        #expect(policy.spec.policyTypes == old.spec.policyTypes)
        #expect(policy != old)
        // Choice 0 keeps every old rule (so every IP set is dropped and re-added) and adds an allow-all one.
        #expect(policy.spec.ingress == (old.spec.ingress ?? []) + [NetworkPolicyIngressRule()])
    }

    @Test func changePolicyRulesKeepsTheTypesByDefault() throws {
        var state = Self.state()
        let writes = try #require(try state.writes(for: .changePolicyRules, Self.draw([0, 2, 3])))
        guard case .put(.networkPolicy(let policy))? = writes.first else {
            Issue.record("expected a policy put")
            return
        }
        #expect(policy.spec.policyTypes == ["Ingress"])
    }

    @Test func theActivePolicyIsPreferred() throws {
        var state = Self.state()
        // A second policy, sorting first, that selects nothing on the local host.
        state.population.apply(.put(.networkPolicy(NetworkPolicy(
            metadata: ObjectMeta(name: "allow-1", namespace: "ns-0"),
            spec: NetworkPolicySpec(podSelector: LabelSelector(matchLabels: ["role": "role5"]))))))
        #expect(state.isActiveLocally(try #require(state.population.policy(ObjectKey(namespace: "ns-0", name: "policy-0")))))
        let picked = try state.pickPolicy(Self.draw(), preferringActive: true)
        #expect(picked?.name == "policy-0")
        #expect(try state.pickPolicy(Self.draw())?.name == "allow-1")
    }

    @Test func integrityRejectsCreatingATerminatingPodAndClearingItsTimestamp() throws {
        let state = Self.state()
        let pod = try #require(state.population.pod(ObjectKey(namespace: "ns-0", name: "pod-0")))
        let terminating = PodFactory.terminating(pod, cniReleased: false)
        let initial = state.population.snapshot.allObjects
        let created = Scenario(localHost: "host-0", initial: initial, steps: [
            Step(kind: .deletePod, writes: [.delete(KubeObject.pod(pod).ref)]),
            Step(kind: .createPod, writes: [.put(.pod(terminating))]),
        ])
        #expect(ScenarioIntegrity.problems(in: created).contains { $0.contains("with a deletionTimestamp") })
        let cleared = Scenario(localHost: "host-0", initial: initial, steps: [
            Step(kind: .terminatePod, writes: [.put(.pod(terminating))]),
            Step(kind: .relabelPod, writes: [.put(.pod(PodFactory.relabelled(pod, ["role": "role2"])))]),
        ])
        #expect(ScenarioIntegrity.problems(in: cleared).contains { $0.contains("clears the deletionTimestamp") })
        let fine = Scenario(localHost: "host-0", initial: initial, steps: [
            Step(kind: .terminatePod, writes: [.put(.pod(terminating))]),
            Step(kind: .restartPod, writes: [.delete(KubeObject.pod(pod).ref), .put(.pod(PodFactory.recreated(terminating)))]),
        ])
        // Deleting and creating anew is the one way a pod loses its deletionTimestamp.
        #expect(ScenarioIntegrity.problems(in: fine).isEmpty)
    }

    @Test func policyNamesDoNotSortInCreationOrder() throws {
        var names = NameCounter()
        let made = Vocabulary.policyNamePrefixes.reversed().map { names.policyName(prefix: $0) }
        #expect(made != made.sorted())
        var reserved = NameCounter()
        reserved.reserve(policyName: "web-7")
        #expect(reserved.policyName() == "policy-8")
    }

    /// Over a thousand sequences: the interactions the rarer injected bugs need do occur.
    @Test func theInteractionsBehindTheRarerBugsOccur() throws {
        var canaryFlips = 0, sharedPeers = 0, recycledAddresses = 0, terminating = 0
        for index in 0..<1_000 {
            let scenario = try ScenarioTestSupport.scenario(seed: 1, index: index)
            var snapshot = scenario.initialSnapshot
            for step in scenario.steps {
                for write in step.writes {
                    if case .put(.pod(let pod)) = write {
                        let old = snapshot.pods[ObjectKey(namespace: pod.namespace, name: pod.name)]
                        if step.kind == .relabelPod,
                            (old?.labels[Vocabulary.emptyValuedLabel] == nil) != (pod.labels[Vocabulary.emptyValuedLabel] == nil)
                        {
                            canaryFlips += 1
                        }
                        if pod.metadata.deletionTimestamp != nil, old?.metadata.deletionTimestamp == nil { terminating += 1 }
                        if step.kind == .createPod, let ip = pod.status?.podIP,
                            snapshot.pods.values.contains(where: { $0.status?.podIP == ip })
                        {
                            recycledAddresses += 1
                        }
                    }
                    if case .put(.networkPolicy(let policy)) = write, step.kind == .createPolicy {
                        let peers = Self.selectorPeers(policy)
                        let others = snapshot.policies.values.flatMap(Self.selectorPeers)
                        if peers.contains(where: others.contains) { sharedPeers += 1 }
                    }
                    snapshot.apply(write)
                }
            }
        }
        #expect(canaryFlips > 100, "relabels adding or removing canary: \(canaryFlips)")
        #expect(terminating > 100, "pods starting to terminate: \(terminating)")
        #expect(recycledAddresses > 30, "new pods on a recycled address: \(recycledAddresses)")
        #expect(sharedPeers > 50, "new policies sharing a peer with a live one: \(sharedPeers)")
    }

    static func selectorPeers(_ policy: NetworkPolicy) -> [NetworkPolicyPeer] {
        ((policy.spec.ingress ?? []).flatMap { $0.from ?? [] } + (policy.spec.egress ?? []).flatMap { $0.to ?? [] })
            .filter { $0.ipBlock == nil }
    }
}
