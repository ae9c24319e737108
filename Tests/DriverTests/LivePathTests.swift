// The live path end to end on one machine: KubeStandIn (a loopback kube-apiserver stand-in)
// ← LiveTarget's writes; felix-sim (a spawned `k8sfv felix-sim`) lists and watches it, runs
// the model, and feeds `k8sfv dataplane-driver` on fd 3 exactly as Felix would; the driver
// relays to the LiveTarget, which judges convergence against the oracle.

import CalcGraph
import Calico
import Campaign
import Driver
import Foundation
import Gen
import KubeClient
import KubeStandIn
import Live
import Oracle
import Shrink
import Testing

@Suite("Live path (stand-in + felix-sim)", .serialized, .enabled(if: LivePathSupport.k8sfv != nil, LivePathSupport.skipReason))
struct LivePathTests {
    let k8sfv = LivePathSupport.k8sfv ?? ""

    @Test("a short fixed-seed campaign on the correct model passes through the live path")
    func campaignPasses() async throws {
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let k8sfv = self.k8sfv
        let (summary, latencies) = try await LivePathSupport.onThread {
            let harness = try LiveHarness(server: standIn.baseURL, felixSim: LivePathSupport.felixSim(k8sfv), runID: "live-a")
            defer { try? harness.close() }
            LiveTargets.install(sharing: harness.target)
            defer { LiveTargets.install(nil) }
            let configuration = CampaignConfiguration(
                seed: 1, sequenceLimit: 3, target: TargetSpec(kind: .live),
                outputDirectory: LivePathSupport.temporaryDirectory("a"), shrink: false)
            return (Campaign(configuration: configuration).run(), harness.target.latencies)
        }
        #expect(summary.statistics.sequences == 3)
        #expect(summary.statistics.steps > 0)
        #expect(summary.statistics.failures == 0, "\(summary.failures.map(\.message))")
        #expect(latencies.samples.count >= summary.statistics.steps)
        #expect(latencies.timeouts == 0)
    }

    @Test("an injected bug is found through the live path and shrunk, with the model's signature kind")
    func injectedBugFoundAndShrunk() async throws {
        let bug = InjectedBug.remoteEndpointsActivatePolicies
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let k8sfv = self.k8sfv
        let out = LivePathSupport.temporaryDirectory("b")
        // Seed 3: its sequence 0 shows the bug under generator version 2 (seed 7 did under 1).
        let summary = try await LivePathSupport.onThread {
            let harness = try LiveHarness(
                server: standIn.baseURL, felixSim: LivePathSupport.felixSim(k8sfv), runID: "live-b", injections: [bug],
                convergenceDeadline: 3, quietLimit: 0.3)
            defer { try? harness.close() }
            LiveTargets.install(sharing: harness.target)
            defer { LiveTargets.install(nil) }
            let configuration = CampaignConfiguration(
                seed: 3, sequenceLimit: 1, target: TargetSpec(kind: .live, injections: [bug]), outputDirectory: out,
                shrink: true, shrinkBudget: ShrinkBudget(maxEvaluations: 30, maxSeconds: 8))
            return Campaign(configuration: configuration).run()
        }
        let record = try #require(summary.failures.first, "the bug was not found on the live path")
        #expect(record.signature.property == .convergesWithin)
        #expect(record.shrunkSteps <= record.originalSteps)

        // The same sequence on the model fails with the same kind of difference.
        let model = FuzzCaseRunner(configuration: CampaignConfiguration(
            seed: 3, target: TargetSpec(kind: .model, injections: [bug]), shrink: false))
        let modelFailure = try #require(try model.run(index: 0).outcome.failure)
        #expect(modelFailure.kind == record.signature.kind)

        // The saved reproducer fails on the model too, and passes without the bug.
        let reproducer = try Reproducer.load(from: URL(fileURLWithPath: record.path))
        let withBug = Replayer.replay(reproducer.scenario, runs: 1) { ModelTarget(injections: [bug]) }
        #expect(withBug.verdict == .fail)
        #expect(withBug.failure?.kind == record.signature.kind)
        let withoutBug = Replayer.replay(reproducer.scenario, runs: 1) { ModelTarget() }
        #expect(withoutBug.verdict == .pass)
    }

    @Test("under API faults the verdicts match the model's and the server holds exactly what the steps describe")
    func faultsChangeNothing() async throws {
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let k8sfv = self.k8sfv
        let generator = ScenarioGenerators.scenario(scale: .small, steps: 4...12)
        let configuration = CampaignConfiguration(seed: 2024)
        let scenarios = try (0..<3).map { try generator.generate(seed: configuration.sequenceSeed($0)).0 }
        let faults = StandInFaults(
            seed: 99, conflictRate: 0.15, tooManyRequestsRate: 0.05, retryAfterSeconds: 0, serverErrorRate: 0.08,
            slowRate: 0.1, slowDelaySeconds: 0.02, dropWatchRate: 0.03, expireWatchRate: 0.3)

        let (live, leftovers) = try await LivePathSupport.onThread { () -> ([Failure?], [String]) in
            let harness = try LiveHarness(
                server: standIn.baseURL, felixSim: LivePathSupport.felixSim(k8sfv), runID: "live-c", convergenceDeadline: 8, quietLimit: 2)
            defer { try? harness.close() }
            standIn.setFaults(faults)
            defer { standIn.setFaults(.none) }
            let runner = ScenarioRunner()
            var verdicts: [Failure?] = []
            for scenario in scenarios { verdicts.append(runner.run(scenario, on: harness.target).failure) }

            // Drive one scenario by hand, stop before the teardown, and compare the server.
            let target = harness.target
            let scenario = scenarios[0]
            try target.begin(localHost: scenario.localHost)
            var snapshot = ClusterSnapshot(objects: scenario.initial)
            try target.apply(scenario.initial.map { Write.put($0) })
            try target.markInSync()
            _ = try target.flush(expecting: Oracle.expectedState(of: snapshot, localHost: scenario.localHost))
            for step in scenario.steps {
                try target.apply(step.writes)
                snapshot.apply(step.writes)
                _ = try target.flush(expecting: Oracle.expectedState(of: snapshot, localHost: scenario.localHost))
            }
            let problems = LivePathSupport.differences(
                standIn: standIn, expected: target.expectedLiveObjects, runID: "live-c")
            try target.end()
            return (verdicts, problems)
        }
        let counts = standIn.faultCounts
        #expect(counts.conflicts + counts.serverErrors + counts.tooManyRequests > 0, "no request fault was injected")
        #expect(counts.droppedWatches + counts.expiredWatches > 0, "no watch fault was injected")
        for (scenario, liveFailure) in zip(scenarios, live) {
            let modelFailure = ScenarioRunner().run(scenario, on: ModelTarget()).failure
            #expect((liveFailure == nil) == (modelFailure == nil), "live: \(liveFailure?.description ?? "pass"); model: \(modelFailure?.description ?? "pass")")
            #expect(liveFailure?.kind == modelFailure?.kind)
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("objects k8sfv does not own survive setup, a campaign and teardown untouched")
    func foreignObjectsUntouched() async throws {
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let client = try KubeClient(loopback: standIn.baseURL)
        let foreign: [(KubeResource, JSONValue)] = [
            (.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "other", "labels": ["team": "x"]]]),
            (.nodes, ["apiVersion": "v1", "kind": "Node", "metadata": ["name": "foreign-node"]]),
            (.pods, ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "keep", "namespace": "other"],
                     "spec": ["nodeName": "foreign-node", "containers": [["name": "c", "image": "pause"]]]]),
            (.networkPolicies, ["apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                                "metadata": ["name": "keep", "namespace": "other"], "spec": ["podSelector": [:]]]),
            (.clusterInformations, ["apiVersion": "crd.projectcalico.org/v1", "kind": "ClusterInformation",
                                    "metadata": ["name": "default"], "spec": ["datastoreReady": true]]),
        ]
        var versions: [String: String] = [:]
        for (resource, object) in foreign {
            let created = try await client.create(resource, object)
            versions["\(resource)/\(created.objectKey)"] = created.resourceVersion
        }
        let k8sfv = self.k8sfv
        let summary = try await LivePathSupport.onThread {
            let harness = try LiveHarness(server: standIn.baseURL, felixSim: LivePathSupport.felixSim(k8sfv), runID: "live-d")
            defer { try? harness.close() }
            LiveTargets.install(sharing: harness.target)
            defer { LiveTargets.install(nil) }
            return Campaign(configuration: CampaignConfiguration(
                seed: 5, sequenceLimit: 2, target: TargetSpec(kind: .live),
                outputDirectory: LivePathSupport.temporaryDirectory("d"), shrink: false)).run()
        }
        #expect(summary.statistics.failures == 0, "\(summary.failures.map(\.message))")
        for (resource, object) in foreign {
            let held = try await client.get(resource, namespace: object.metadataNamespace, name: object.metadataName!)
            #expect(held.resourceVersion == versions["\(resource)/\(object.objectKey)"], "\(resource) \(object.objectKey) was modified")
        }
        for resource in [KubeResource.namespaces, .nodes, .pods, .networkPolicies, .tiers, .clusterInformations] {
            let left = try await client.listAll(resource, labelSelector: "\(LiveNaming.ownershipLabel)=live-d").items
            #expect(left.isEmpty, "teardown left \(resource): \(left.map(\.objectKey))")
        }
    }
}
