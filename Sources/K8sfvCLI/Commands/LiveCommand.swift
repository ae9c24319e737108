// `k8sfv live`: prepares a Kubernetes API server for a live Felix and cleans up after it.
//   setup     ClusterInformation, Tiers and Nodes Felix needs (KDD), a session file, the
//             driver wrapper, and Felix's environment
//   env       prints Felix's environment again
//   teardown  deletes every object of this run (by its ownership label), and only those
//   bench     convergence latency per step through felix-sim against a loopback stand-in
// Campaigns then run with `k8sfv fuzz --target live` and `k8sfv replay --target live`.

import Driver
import Foundation
import Gen
import KubeClient
import Live

enum LiveCommand: K8sfvCommand {
    static let name = "live"
    static let summary = "Set up a cluster for a live Felix, print its environment, tear down"
    static let about = """
        Usage: k8sfv live setup [OPTIONS]
               k8sfv live env [--state-dir DIR]
               k8sfv live teardown [OPTIONS]
               k8sfv live bench [--sequences N] [--seed S] [--workload-steps N] [--json]

        setup creates what Felix needs to run against the Kubernetes datastore: the
        ClusterInformation 'default' (datastoreReady: true), the built-in Tiers, and Node
        objects for Felix's host and the remote hosts (with projectcalico.org/IPv4Address).
        Every object carries the label k8sfv.projectcalico.org/run=<run ID>; objects that
        already exist without it are left untouched. It writes <state dir>/session.json, the
        driver wrapper <state dir>/k8sfv-driver (Felix starts it with no arguments; it runs
        'k8sfv dataplane-driver' relaying to the session's socket) and <state dir>/felix.env,
        and prints Felix's environment. Then start Felix with that environment and run
        'k8sfv fuzz --target live'. See docs/live.md.

        teardown deletes every object labelled with the session's run ID (pods, policies,
        namespaces, nodes, tiers, the ClusterInformation), and nothing else.

        bench starts a loopback API stand-in and felix-sim, runs the seed workloads and
        random sequences through the live target, and prints the convergence latency per step.
        """

    static let options: [OptionDeclaration] = [
        .text("--state-dir", "DIR", "where the session lives (setup, env, teardown)", default: LiveSession.defaultStateDirectory),
        .text(
            "--run-id", "ID",
            "ownership label value (setup, teardown; default: setup makes a new one, teardown uses the session's)"),
        .text("--hostname", "NAME", "Felix's node name (setup; default: host-0, the generators' local host)"),
        .integer("--remote-hosts", in: 0...100, "remote Node objects host-1..host-N (setup)", default: 1),
        .text(
            "--relay-socket", "PATH",
            "the Unix socket the driver relays to (setup; default: <state dir>/relay.sock, made absolute)"),
        .integer("--metrics-port", in: 1...65535, "FELIX_PROMETHEUSMETRICSPORT (setup)", default: 9091),
    ] + LiveConnection.declarations.map { declaration in
        var declaration = declaration
        declaration.group = "Connection options (setup, teardown)"
        return declaration
    } + LiveBenchmarkCommand.declarations

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        guard let sub = arguments.positional() else {
            throw UsageError("k8sfv live needs a subcommand: setup, env, teardown or bench (see 'k8sfv help live')")
        }
        switch sub {
        case "setup": return try setup(&arguments, io: io)
        case "env": return try env(&arguments, io: io)
        case "teardown": return try teardown(&arguments, io: io)
        case "bench": return try LiveBenchmarkCommand.run(&arguments, io: io)
        default: throw UsageError("unknown live subcommand '\(sub)': use setup, env, teardown or bench")
        }
    }

    private static func setup(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let stateDir = LiveConnection.absolute(try arguments.option("--state-dir") ?? LiveSession.defaultStateDirectory)
        let saved = try LiveSession.load(from: stateDir)
        let connection = try LiveConnection.parse(&arguments)
        let runID = try arguments.option("--run-id") ?? saved?.runID ?? LiveSession.newRunID()
        let hostname = try arguments.option("--hostname") ?? Vocabulary.localHost
        let remoteCount = try arguments.intOption("--remote-hosts") ?? 1
        let relay = LiveConnection.absolute(try arguments.option("--relay-socket") ?? stateDir + "/relay.sock")
        let metricsPort = try arguments.intOption("--metrics-port") ?? 9091
        try arguments.finish()
        guard relay.utf8.count <= 107 else {
            throw UsageError("relay socket path \(relay) is longer than 107 bytes; pass a shorter --relay-socket")
        }
        let client = try connection.client()
        let remotes = (0..<remoteCount).map { Vocabulary.hostName($0 + 1) }
        let setup: LiveClusterSetup
        do { setup = try LiveClusterSetup(client: client, runID: runID) } catch let error as TargetError {
            throw UsageError("option --run-id: \(error.message)")
        }
        io.error("k8sfv live setup: \(connection.description), run \(runID)")
        do {
            for line in try setup.setUp(localHost: hostname, remoteHosts: remotes) { io.error("  " + line) }
        } catch let error as TargetError {
            throw EnvironmentError(error.message)
        }
        let script = stateDir + "/k8sfv-driver"
        let session = LiveSession(
            runID: runID, connection: connection, hostname: hostname, remoteHosts: remotes, relaySocket: relay,
            driverScript: script, metricsPort: metricsPort)
        try session.save(in: stateDir)
        try LiveSession.driverScript(k8sfv: LiveSession.currentExecutable(), relaySocket: relay)
            .write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let envText = session.felixEnvironment().map { "\($0.0)=\($0.1)" }.joined(separator: "\n") + "\n"
        try envText.write(toFile: stateDir + "/felix.env", atomically: true, encoding: .utf8)
        io.error("k8sfv live setup: session in \(stateDir); start Felix with this environment (also in felix.env):")
        io.write(envText)
        return ExitCode.ok
    }

    private static func env(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let stateDir = LiveConnection.absolute(try arguments.option("--state-dir") ?? LiveSession.defaultStateDirectory)
        try arguments.finish()
        guard let session = try LiveSession.load(from: stateDir) else {
            throw InputError("no live session in \(stateDir): run 'k8sfv live setup' first")
        }
        io.write(session.felixEnvironment().map { "\($0.0)=\($0.1)" }.joined(separator: "\n") + "\n")
        return ExitCode.ok
    }

    private static func teardown(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let stateDir = LiveConnection.absolute(try arguments.option("--state-dir") ?? LiveSession.defaultStateDirectory)
        let saved = try LiveSession.load(from: stateDir)
        let connection = try LiveConnection.parse(&arguments, saved: saved?.connection)
        guard let runID = try arguments.option("--run-id") ?? saved?.runID else {
            throw UsageError("no live session in \(stateDir) and no --run-id: nothing is known to be k8sfv's")
        }
        try arguments.finish()
        let setup: LiveClusterSetup
        do { setup = try LiveClusterSetup(client: try connection.client(), runID: runID) } catch let error as TargetError {
            throw UsageError("option --run-id: \(error.message)")
        }
        io.error("k8sfv live teardown: \(connection.description), run \(runID)")
        let lines: [String]
        do { lines = try setup.tearDown() } catch let error as TargetError { throw EnvironmentError(error.message) }
        for line in lines { io.error("  " + line) }
        io.error("k8sfv live teardown: \(lines.count) object(s) deleted; objects without the run's label were not touched")
        if saved?.runID == runID {
            for file in ["session.json", "k8sfv-driver", "felix.env"] {
                try? FileManager.default.removeItem(atPath: stateDir + "/" + file)
            }
        }
        return ExitCode.ok
    }
}
