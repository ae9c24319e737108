// Opt-in: a short campaign against a real cluster and a real Felix. Runs only when
// K8SFV_KUBECONFIG names a kubeconfig. Felix must already run with the environment
// `k8sfv live setup` prints (its driver relaying to K8SFV_RELAY_SOCKET, default
// /tmp/k8sfv-relay.sock), as FELIX_FELIXHOSTNAME=host-0. Set K8SFV_ALLOW_REMOTE=1 for a
// non-loopback API server. See docs/live.md.

import Campaign
import Driver
import Foundation
import KubeClient
import Live
import Testing

@Suite("Real cluster (opt-in: K8SFV_KUBECONFIG)", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["K8SFV_KUBECONFIG"] != nil, "set K8SFV_KUBECONFIG to run against a real cluster"))
struct RealClusterTests {
    @Test("setup, a short campaign with a running Felix, teardown")
    func shortCampaign() async throws {
        let environment = ProcessInfo.processInfo.environment
        let path = try #require(environment["K8SFV_KUBECONFIG"])
        let allowRemote = environment["K8SFV_ALLOW_REMOTE"] == "1"
        let socket = environment["K8SFV_RELAY_SOCKET"] ?? "/tmp/k8sfv-relay.sock"
        let runID = environment["K8SFV_RUN_ID"] ?? "real-\(getpid())"
        let summary = try await LivePathSupport.onThread {
            let config = try Kubeconfig.load(path: path).clientConfig(allowRemoteCluster: allowRemote)
            let client = try KubeClient(config: config)
            let setup = try LiveClusterSetup(client: client, runID: runID)
            try setup.setUp(localHost: "host-0", remoteHosts: ["host-1"])
            defer { _ = try? setup.tearDown() }
            let target = try LiveTarget(configuration: LiveTarget.Configuration(
                client: client, runID: runID, relaySocketPath: socket, felixHostname: "host-0",
                convergenceDeadline: 20, settleTime: 0.2))
            defer { target.close() }
            try target.listen()
            LiveTargets.install(sharing: target)
            defer { LiveTargets.install(nil) }
            return Campaign(configuration: CampaignConfiguration(
                seed: 1, sequenceLimit: 2, target: TargetSpec(kind: .live),
                outputDirectory: LivePathSupport.temporaryDirectory("real"), shrink: false)).run()
        }
        #expect(summary.statistics.sequences == 2)
        #expect(summary.statistics.failures == 0, "\(summary.failures.map(\.message))")
    }
}
