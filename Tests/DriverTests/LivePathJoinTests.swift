// Several k8sfv commands in a row against one running felix-sim (one Felix): each command
// is a new LiveTarget listening on the same relay socket, as a new process would be. The
// dataplane driver gives each newcomer Felix's state (with InSync), so every run works; and
// an injected bug is found by each run, with the same signature. A felix-sim that is stopped
// and started again mid-campaign is reported as felix-restarted.

import CalcGraph
import Calico
import Campaign
import Gen
import Live
import Oracle
import Driver
import Foundation
import KubeClient
import KubeStandIn
import Testing

extension LivePathTests {
    /// A campaign on `target`, as one `k8sfv fuzz --target live` command would run it.
    static func command(_ target: LiveTarget, seed: UInt64, injections: Set<InjectedBug>, name: String) -> CampaignSummary {
        LiveTargets.install(sharing: target)
        defer { LiveTargets.install(nil) }
        let configuration = CampaignConfiguration(
            seed: seed, sequenceLimit: 1, target: TargetSpec(kind: .live, injections: injections),
            outputDirectory: LivePathSupport.temporaryDirectory(name), shrink: false)
        return Campaign(configuration: configuration).run()
    }

    @Test("two fuzz commands and a replay in a row against one felix-sim all pass on the correct model and find the same injected bug",
          arguments: [Set<InjectedBug>(), [.remoteEndpointsActivatePolicies]])
    func commandsInARow(_ injections: Set<InjectedBug>) async throws {
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let k8sfv = self.k8sfv
        let (summaries, replay) = try await LivePathSupport.onThread { () -> ([CampaignSummary], ReplayResult) in
            let harness = try LiveHarness(
                server: standIn.baseURL, felixSim: LivePathSupport.felixSim(k8sfv), runID: "join", injections: injections,
                convergenceDeadline: 10, quietLimit: injections.isEmpty ? 3 : 0.5)
            defer { try? harness.close() }
            // Seed 3's first sequence shows the bug (see injectedBugFoundAndShrunk).
            var summaries = [Self.command(harness.target, seed: 3, injections: injections, name: "join-1")]
            harness.target.close()  // the first command ends
            let second = try LiveTarget(configuration: harness.target.configuration)
            try second.listen()
            summaries.append(Self.command(second, seed: 3, injections: injections, name: "join-2"))
            second.close()
            // The third command is `replay --target live` of the same sequence.
            let scenario = try FuzzCaseRunner(configuration: CampaignConfiguration(seed: 3, sequenceLimit: 1))
                .run(index: 0).scenario
            let third = try LiveTarget(configuration: harness.target.configuration)
            try third.listen()
            defer { third.close() }
            return (summaries, Replayer.replay(scenario, runs: 1) { third })
        }
        #expect(summaries.count == 2)
        for summary in summaries {
            #expect(summary.statistics.sequences == 1)
            if injections.isEmpty {
                #expect(summary.statistics.failures == 0, "\(summary.failures.map(\.message))")
            } else {
                #expect(summary.failures.first?.signature == summaries[0].failures.first?.signature)
                #expect(summary.failures.first?.signature.property == .convergesWithin, "\(summary.failures.map(\.message))")
            }
        }
        if injections.isEmpty {
            #expect(replay.verdict == .pass, "\(replay.failure?.description ?? "")")
        } else {
            #expect(replay.verdict == .fail)
            #expect(replay.failure?.signature == summaries[0].failures.first?.signature, "\(replay.failure?.description ?? "")")
        }
    }

    @Test("felix-sim stopped and started again mid-campaign is a felix-restarted failure")
    func felixRestartIsReported() async throws {
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let k8sfv = self.k8sfv
        let failure = try await LivePathSupport.onThread { () -> Failure? in
            let harness = try LiveHarness(server: standIn.baseURL, felixSim: LivePathSupport.felixSim(k8sfv), runID: "restart", convergenceDeadline: 10, quietLimit: 3)
            defer { try? harness.close() }
            let target = harness.target
            let scenario = try ScenarioGenerators.scenario(scale: .small, steps: 3...3).generate(seed: 11).0
            try target.begin(localHost: scenario.localHost)
            var snapshot = ClusterSnapshot(objects: scenario.initial)
            try target.apply(scenario.initial.map { Write.put($0) })
            try target.markInSync()
            _ = try target.flush(expecting: Oracle.expectedState(of: snapshot, localHost: scenario.localHost))
            // Felix crashes and comes back: a new felix-sim (and so a new dataplane driver).
            harness.felixSim?.stop()
            let second = try FelixSimProcess(
                felixSim: LivePathSupport.felixSim(k8sfv), server: standIn.baseURL, relaySocket: harness.socketPath, hostname: scenario.localHost)
            defer { second.stop() }
            let step = scenario.steps[0]
            try target.apply(step.writes)
            snapshot.apply(step.writes)
            do {
                _ = try target.flush(expecting: Oracle.expectedState(of: snapshot, localHost: scenario.localHost))
                return nil
            } catch let reported as TargetReportedFailure {
                let failure = reported.failure
                try? target.end()
                return failure
            }
        }
        let reported = try #require(failure, "the restart went unreported")
        #expect(reported.kind == "felix-restarted")
        #expect(reported.property == .targetError)
        #expect(reported.stepIndex == 0)
    }
}

extension LivePathTests {
    @Test("an API server that goes away mid-campaign is an environment error: retried, then exit 3, nothing saved")
    func apiServerDownIsAnEnvironmentError() async throws {
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let k8sfv = self.k8sfv
        let out = LivePathSupport.temporaryDirectory("env")
        let summary = try await LivePathSupport.onThread { () -> CampaignSummary in
            let harness = try LiveHarness(
                server: standIn.baseURL, felixSim: LivePathSupport.felixSim(k8sfv), runID: "env", convergenceDeadline: 10, quietLimit: 3,
                retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.05))
            defer { try? harness.close() }
            LiveTargets.install(sharing: harness.target)
            defer { LiveTargets.install(nil) }
            let campaign = Campaign(configuration: CampaignConfiguration(
                seed: 1, sequenceLimit: 4, target: TargetSpec(kind: .live), outputDirectory: out, shrink: false))
            campaign.environmentRetryWait = 0.1
            return campaign.run { event in
                if case .sequenceFinished(index: 0, _, _) = event { standIn.stop() }  // the API server goes down
            }
        }
        let environment = try #require(summary.environmentError, "no environment error: \(summary.failures.map(\.message))")
        #expect(environment.contains("environment-api-unreachable"))
        #expect(summary.exitCode == LiveEnvironment.exitCode)
        #expect(summary.failures.isEmpty)
        #expect(summary.statistics.sequences == 1)
        let saved = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(saved.isEmpty, "\(saved)")
    }
}
