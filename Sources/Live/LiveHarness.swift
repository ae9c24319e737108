// A whole live path on one machine: setup against an API server, a felix-sim child whose
// driver relays to a fresh socket, and a LiveTarget reading it. Tests and `k8sfv live bench`
// build on it. Takes: the server URL (a loopback stand-in), how to start felix-sim
// (`FelixSimCommandLine`, from the caller), a run ID.
// Gives: `target` (a shared LiveTarget) and `close()`, which stops felix-sim and tears down
// every object of the run. Cost: two processes and one socket.
// Options: `stepFences` (felix-sim flushes once per step, LiveFence: deterministic under load)
// and `felixPerRun` (a fresh felix-sim for each run, started once the run's initial objects
// exist, so what it sends before InSync is observed; `felixSim` is then nil).

import CalcGraph
import Foundation
import KubeClient

public final class LiveHarness: @unchecked Sendable {
    public let client: KubeClient
    public let setup: LiveClusterSetup
    /// The felix-sim serving every run; nil with `felixPerRun` (each run starts its own).
    public let felixSim: FelixSimProcess?
    public let target: LiveTarget
    public let socketPath: String
    private let directory: URL

    public init(
        server: URL, felixSim command: FelixSimCommandLine, runID: String, hostname: String = "host-0", injections: Set<InjectedBug> = [],
        convergenceDeadline: Double = 5, quietLimit: Double? = 3, retry: RetryPolicy = .default,
        metricsPort: UInt16? = nil, clientConfig: KubeClientConfig? = nil, felixSimConnection: [String]? = nil,
        stepFences: Bool = false, felixPerRun: Bool = false
    ) throws {
        // `clientConfig` and `felixSimConnection` (e.g. `--kubeconfig FILE`) reach an https
        // server with credentials; by default both use the plain `server` URL.
        client = try KubeClient(config: clientConfig ?? KubeClientConfig(server: server, retry: retry))
        setup = try LiveClusterSetup(client: client, runID: runID)
        try setup.setUp(localHost: hostname, remoteHosts: ["host-1"])
        directory = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("k8sfv-live-\(runID)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socketPath = directory.appendingPathComponent("relay.sock").path
        let socket = socketPath
        let launch: @Sendable () throws -> FelixSimProcess = {
            try FelixSimProcess(
                felixSim: command, server: server, relaySocket: socket, hostname: hostname, injections: injections,
                extraArguments: metricsPort.map { ["--metrics-port", String($0)] } ?? [], connectionArguments: felixSimConnection)
        }
        let perRun: (@Sendable () throws -> @Sendable () -> Void)? = felixPerRun
            ? { @Sendable () throws -> @Sendable () -> Void in
                let process = try launch()
                return { @Sendable in _ = process.stop() }
            } : nil
        // The target listens first, so the driver's first connection succeeds.
        target = try LiveTarget(configuration: LiveTarget.Configuration(
            client: client, runID: runID, relaySocketPath: socketPath, felixHostname: hostname,
            convergenceDeadline: convergenceDeadline, settleTime: 0.05, quietLimit: quietLimit, cleanupDeadline: 10,
            stepFences: stepFences, felixPerRun: perRun))
        try target.listen()
        felixSim = felixPerRun ? nil : try launch()
        // A run that starts before felix-sim's first lists would reach it as initial objects.
        if !felixPerRun { try target.waitUntilFelixInSync(timeout: 30) }
    }

    /// Stops felix-sim, removes every object of the run, and the socket directory.
    public func close() throws {
        // felix-sim first: its driver exits with it while the relay socket still listens
        // (a driver that lost the socket keeps trying to reconnect, and felix-sim waits for it).
        felixSim?.stop()
        target.close()
        defer { try? FileManager.default.removeItem(at: directory) }
        try setup.tearDown()
    }
}
