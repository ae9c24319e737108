// The namespace prefix and its undoing: Felix's output for the live twin of a snapshot,
// translated back, must be exactly the output for the scenario's snapshot.

import Calico
import Campaign
import Driver
import Gen
import Live
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
        let naming = LiveNaming(runID: "r1", sequence: 4)
        #expect(naming.liveNamespace("ns-0") == "k8sfv-r1-4-ns-0")
        #expect(naming.scenarioNamespace("k8sfv-r1-4-ns-0") == "ns-0")
        // An earlier sequence's names still translate back (late messages about them).
        #expect(naming.scenarioNamespace("k8sfv-r1-3-ns-0") == "ns-0")
        #expect(naming.scenarioNamespace("k8sfv-r2-4-ns-0") == nil)
        #expect(naming.scenarioNamespace("k8sfv-r1-x-ns-0") == nil)
        #expect(naming.scenarioNamespace("kube-system") == nil)
        #expect(naming.strippingPrefixes("a == 'k8sfv-r1-4-ns-1' || b in {\"k8sfv-r1-12-ns-2\"}") == "a == 'ns-1' || b in {\"ns-2\"}")
        guard case .namespace(let ns) = naming.live(.namespace(Namespace(name: "a", labels: ["x": "y"]))) else {
            Issue.record("not a namespace"); return
        }
        #expect(ns.name == "k8sfv-r1-4-a")
        #expect(ns.labels == ["x": "y", LiveNaming.namespaceNameLabel: "k8sfv-r1-4-a", LiveNaming.ownershipLabel: "r1"])
        let peer = NetworkPolicyPeer(namespaceSelector: LabelSelector(
            matchLabels: [LiveNaming.namespaceNameLabel: "b"],
            matchExpressions: [LabelSelectorRequirement(key: LiveNaming.namespaceNameLabel, operator: "In", values: ["c"])]))
        let policy = NetworkPolicy(
            metadata: ObjectMeta(name: "p", namespace: "a"),
            spec: NetworkPolicySpec(ingress: [NetworkPolicyIngressRule(from: [peer])]))
        guard case .networkPolicy(let live) = naming.live(.networkPolicy(policy)) else { Issue.record("not a policy"); return }
        #expect(live.namespace == "k8sfv-r1-4-a")
        let selector = live.spec.ingress?.first?.from?.first?.namespaceSelector
        #expect(selector?.matchLabels?[LiveNaming.namespaceNameLabel] == "k8sfv-r1-4-b")
        #expect(selector?.matchExpressions?.first?.values == ["k8sfv-r1-4-c"])
    }

    @Test("a long or unusual run ID gives a short DNS-label tag, distinct per ID")
    func runTags() {
        #expect(LiveNaming.tag(for: "Live_A.1") == "live-a-1")
        let a = LiveNaming.tag(for: "campaign-2026-12-04-night-run-one")
        let b = LiveNaming.tag(for: "campaign-2026-12-04-night-run-two")
        #expect(a != b)
        #expect(a.count <= 19 && b.count <= 19)
        #expect(a.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
    }

    @Test("legacy knp.default. policy names are normalised")
    func legacyNames() {
        let legacy = PolicyID(name: "knp.default.web", namespace: "k8sfv-r1-0-a", kind: "")
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
    static func messages(_ state: DataplaneState) -> [FelixMessage] { state.rebuildingMessages }
}
