import CalcGraph
import Calico
import Campaign
import Driver
import Foundation
import Gen
import Testing

/// Each property, shown to fire on a hand-made scenario, through the runner.
@Suite struct PropertyTests {
    static let ns = Namespace(name: "ns-0", labels: ["area": "area1"])
    static func pod(_ name: String, host: String, ip: String, labels: [String: String] = ["role": "role1"]) -> Pod {
        Pod(
            metadata: ObjectMeta(name: name, namespace: "ns-0", labels: labels),
            spec: PodSpec(nodeName: host, serviceAccountName: "default", containers: [Container(name: "c", image: "i")]),
            status: PodStatus(phase: "Running", podIP: ip, podIPs: [PodIP(ip: ip)]))
    }
    static func policy(_ name: String, from role: String) -> NetworkPolicy {
        NetworkPolicy(
            metadata: ObjectMeta(name: name, namespace: "ns-0"),
            spec: NetworkPolicySpec(
                podSelector: LabelSelector(), policyTypes: ["Ingress"],
                ingress: [NetworkPolicyIngressRule(from: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["role": role]))])]))
    }
    static var base: [KubeObject] {
        [.namespace(ns), .node(Node(name: "host-0")), .node(Node(name: "host-1")),
         .pod(pod("local", host: "host-0", ip: "10.0.0.1")), .pod(pod("remote", host: "host-1", ip: "10.0.0.2"))]
    }

    @Test func correctModelPassesAHandWrittenScenario() {
        let scenario = Scenario(localHost: "host-0", initial: Self.base, steps: [
            Step(kind: .createPolicy, writes: [.put(.networkPolicy(Self.policy("p1", from: "role1")))]),
            Step(kind: .relabelPod, writes: [.put(.pod(Self.pod("remote", host: "host-1", ip: "10.0.0.2", labels: ["role": "role2"])))]),
            Step(kind: .rewriteUnchanged, writes: [.put(.networkPolicy(Self.policy("p1", from: "role1")))]),
        ])
        let outcome = ScenarioRunner().run(scenario, on: ModelTarget())
        #expect(outcome.failure == nil, "\(outcome.failure?.description ?? "")")
        #expect(outcome.stepsRun == 3)
    }

    @Test func convergenceCatchesAStaleIPSet() {
        // Two policies share one IP set; one goes away. Without ref-counting the set is removed.
        let scenario = Scenario(localHost: "host-0", initial: Self.base, steps: [
            Step(kind: .createPolicy, writes: [.put(.networkPolicy(Self.policy("p1", from: "role1")))]),
            Step(kind: .createPolicy, writes: [.put(.networkPolicy(Self.policy("p2", from: "role1")))]),
            Step(kind: .deletePolicy, writes: [.delete(ObjectRef(kind: .networkPolicy, namespace: "ns-0", name: "p1"))]),
        ])
        let outcome = ScenarioRunner().run(scenario, on: ModelTarget(injections: [.ipSetNotRefCounted]))
        let failure = outcome.failure
        #expect(failure != nil)
        #expect(failure?.stepIndex == 2)
        #expect([PropertyName.convergence, .streamIntegrity].contains(failure?.property ?? .silence))
    }

    @Test func noLeaksCatchesAProfileThatIsNeverReleased() {
        let scenario = Scenario(localHost: "host-0", initial: Self.base, steps: [])
        let outcome = ScenarioRunner().run(scenario, on: ModelTarget(injections: [.profileRefNotReleased]))
        #expect(outcome.failure != nil)
        #expect(outcome.failure?.stepIndex == 0, "the teardown is the checkpoint after the last step")
    }

    @Test func silenceCatchesAMessageForAnUnchangedWrite() {
        let step = Step(kind: .rewriteUnchanged, writes: [.put(.namespace(Self.ns))])
        let before = ClusterSnapshot(objects: Self.base)
        let observation = StepObservation.forTesting(
            stepIndex: 0, stepKind: "rewriteUnchanged", writes: step.writes, before: before, after: before,
            messages: [.ipSetRemove(id: "s:x")])
        #expect(PropertyChecks.silence(observation)?.kind == "unchanged-write-emitted")
        let quiet = StepObservation.forTesting(
            stepIndex: 0, stepKind: "rewriteUnchanged", writes: step.writes, before: before, after: before, messages: [])
        #expect(PropertyChecks.silence(quiet) == nil)
    }

    @Test func costBoundsLimitARemotePodRelabelToIPSetDeltas() {
        let before = ClusterSnapshot(objects: Self.base)
        let relabelled = Write.put(.pod(Self.pod("remote", host: "host-1", ip: "10.0.0.2", labels: ["role": "role9"])))
        let after = before.applying(relabelled)
        let allowed = StepObservation.forTesting(
            stepIndex: 0, stepKind: "relabelPod", writes: [relabelled], before: before, after: after,
            messages: [.ipSetDeltaUpdate(IPSetDeltaUpdate(id: "s:x", removedMembers: ["10.0.0.2/32"]))])
        #expect(PropertyChecks.costBounds(allowed) == nil)
        let over = StepObservation.forTesting(
            stepIndex: 0, stepKind: "relabelPod", writes: [relabelled], before: before, after: after,
            messages: [.activePolicyRemove(id: PolicyID(name: "p", namespace: "ns-0", kind: "KubernetesNetworkPolicy"))])
        #expect(PropertyChecks.costBounds(over)?.property == .costBounds)
    }
}

/// The work bound reads the target's selector-evaluation counter: too much work fails, and so
/// does a counter that stopped counting.
@Suite struct WorkBoundsTests {
    static let set: [String: IPSetState] = ["s:x": IPSetState(type: .ip, members: ["10.0.0.2/32"])]

    @Test func aRemoteRelabelMayJudgeThePodOncePerSelector() {
        let before = ClusterSnapshot(objects: PropertyTests.base)
        let relabel = Write.put(.pod(PropertyTests.pod("remote", host: "host-1", ip: "10.0.0.2", labels: ["role": "role9"])))
        let after = before.applying(relabel)
        var state = DataplaneState()
        state.ipSets = Self.set
        func observation(work: Int) -> StepObservation {
            .forTesting(
                stepIndex: 0, stepKind: "relabelPod", writes: [relabel], before: before, after: after, messages: [],
                observed: state, selectorEvaluations: work, ipSetsBefore: ["s:x"])
        }
        #expect(PropertyChecks.workBounds(observation(work: 1)) == nil)
        let over = PropertyChecks.workBounds(observation(work: 2))
        #expect(over?.signature == FailureSignature(property: .costBounds, kind: "over-work"))
    }

    @Test func aNewEndpointWhileSetsAreActiveMustBeJudged() {
        let before = ClusterSnapshot(objects: PropertyTests.base)
        let create = Write.put(.pod(PropertyTests.pod("new", host: "host-1", ip: "10.0.0.3")))
        let after = before.applying(create)
        var state = DataplaneState()
        state.ipSets = Self.set
        func observation(work: Int) -> StepObservation {
            .forTesting(
                stepIndex: 0, stepKind: "createPod", writes: [create], before: before, after: after, messages: [],
                observed: state, selectorEvaluations: work, ipSetsBefore: ["s:x"])
        }
        #expect(PropertyChecks.workBounds(observation(work: 1)) == nil)
        #expect(PropertyChecks.workBounds(observation(work: 0))?.kind == "uncounted-work")
    }

    /// A model whose counter is corrupted: scaled up (an index that re-scans everything) or
    /// stuck at zero. Campaigns on it must fail the work bound; on the true counter they pass.
    final class MiscountingTarget: Target {
        let inner = ModelTarget()
        let scale: Int
        init(scale: Int) { self.scale = scale }
        var name: String { "miscounting" }
        func begin(localHost: String) throws { try inner.begin(localHost: localHost) }
        func apply(_ writes: [Write]) throws { try inner.apply(writes) }
        func markInSync() throws { try inner.markInSync() }
        func flush(expecting expected: DataplaneState) throws -> [FelixMessage] { try inner.flush(expecting: expected) }
        var internalLeaks: [String]? { inner.internalLeaks }
        func end() throws { try inner.end() }
        var selectorEvaluations: Int? { inner.selectorEvaluations.map { $0 * scale } }
    }

    static func kinds(scale: Int) throws -> Set<String> {
        let runner = FuzzCaseRunner(configuration: CampaignConfiguration(seed: 7, sequenceLimit: 40))
        var kinds: Set<String> = []
        for index in 0..<40 {
            let scenario = try runner.run(index: index).scenario
            let outcome = ScenarioRunner().run(scenario, on: MiscountingTarget(scale: scale))
            if let failure = outcome.failure { kinds.insert(failure.signature.description) }
        }
        return kinds
    }

    @Test func campaignsCatchACorruptedWorkCounter() throws {
        #expect(try Self.kinds(scale: 1).isEmpty, "the true counter stays within its bounds")
        #expect(try Self.kinds(scale: 50).contains("cost-bounds/over-work"))
        #expect(try Self.kinds(scale: 0).contains("cost-bounds/uncounted-work"))
    }
}
