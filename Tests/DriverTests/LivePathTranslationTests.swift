// The namespace prefix and its undoing: Felix's output for the live twin of a snapshot,
// translated back, must be exactly the output for the scenario's snapshot.

import Calico
import Driver
import Gen
import Oracle
import Testing

@Suite("Live path: naming and translation")
struct LivePathTranslationTests {
    @Test("the oracle's state for the live twin translates back to the scenario's", arguments: 0..<12)
    func translationIsExact(index: Int) throws {
        let generator = ScenarioGenerators.scenario(scale: .small)
        let (scenario, _) = try generator.generate(seed: CampaignConfiguration(seed: 11).sequenceSeed(index))
        let naming = LiveNaming(runID: "t1")
        var translation = LiveTranslation(naming: naming)
        var snapshot = ClusterSnapshot(objects: scenario.initial)
        var checked = 0
        for writes in [scenario.initial.map { Write.put($0) }] + scenario.steps.map(\.writes) {
            snapshot.apply(writes)
            translation.learn(snapshot.allObjects)
            let live = ClusterSnapshot(objects: snapshot.allObjects.map(naming.live))
            var translated = DataplaneState()
            for message in LivePathResyncProbe.messages(Oracle.expectedState(of: live, localHost: scenario.localHost)) {
                try translated.apply(translation.message(message))
            }
            let expected = Oracle.expectedState(of: snapshot, localHost: scenario.localHost)
            #expect(translated.differences(from: expected).isEmpty, "\(translated.differences(from: expected).prefix(3))")
            checked += 1
        }
        #expect(checked == scenario.steps.count + 1)
    }

    @Test("live names: prefix, ownership label, name label, namespace selectors")
    func liveNames() {
        let naming = LiveNaming(runID: "r1")
        #expect(naming.liveNamespace("ns-0") == "k8sfv-ns-0")
        #expect(naming.scenarioNamespace("k8sfv-ns-0") == "ns-0")
        #expect(naming.scenarioNamespace("kube-system") == nil)
        guard case .namespace(let ns) = naming.live(.namespace(Namespace(name: "a", labels: ["x": "y"]))) else {
            Issue.record("not a namespace"); return
        }
        #expect(ns.name == "k8sfv-a")
        #expect(ns.labels == ["x": "y", LiveNaming.namespaceNameLabel: "k8sfv-a", LiveNaming.ownershipLabel: "r1"])
        let peer = NetworkPolicyPeer(namespaceSelector: LabelSelector(
            matchLabels: [LiveNaming.namespaceNameLabel: "b"],
            matchExpressions: [LabelSelectorRequirement(key: LiveNaming.namespaceNameLabel, operator: "In", values: ["c"])]))
        let policy = NetworkPolicy(
            metadata: ObjectMeta(name: "p", namespace: "a"),
            spec: NetworkPolicySpec(ingress: [NetworkPolicyIngressRule(from: [peer])]))
        guard case .networkPolicy(let live) = naming.live(.networkPolicy(policy)) else { Issue.record("not a policy"); return }
        #expect(live.namespace == "k8sfv-a")
        let selector = live.spec.ingress?.first?.from?.first?.namespaceSelector
        #expect(selector?.matchLabels?[LiveNaming.namespaceNameLabel] == "k8sfv-b")
        #expect(selector?.matchExpressions?.first?.values == ["k8sfv-c"])
    }

    @Test("legacy knp.default. policy names are normalised")
    func legacyNames() {
        let legacy = PolicyID(name: "knp.default.web", namespace: "k8sfv-a", kind: "")
        let translation = LiveTranslation(naming: LiveNaming(runID: "r1"))
        #expect(translation.policyID(legacy) == PolicyID(name: "web", namespace: "a", kind: "KubernetesNetworkPolicy"))
    }

    @Test("latency quantiles by nearest rank")
    func quantiles() {
        var latencies = ConvergenceLatencies()
        for value in 1...100 { latencies.record(Double(value) / 1000) }
        #expect(latencies.median == 0.05)
        #expect(latencies.p99 == 0.099)
        #expect(latencies.maximum == 0.1)
    }
}

/// The state as messages (what a freshly started Felix would send), via the public resync.
enum LivePathResyncProbe {
    static func messages(_ state: DataplaneState) -> [FelixMessage] { LiveTarget.resyncMessages(for: state) }
}
