// `k8sfv felix-sim`: a process that behaves as Felix does at the boundary k8sfv observes:
// list+watch through the API server, the in-process model as its calc graph, and an external
// dataplane driver it starts exactly as Felix would (fd 3 / fd 4, framed ToDataplane).

import CalcGraph
import Campaign
import Driver
import Foundation
import Gen
import Live
import Synchronization

enum FelixSimCommand: K8sfvCommand {
    static let name = "felix-sim"

    /// How the driver starts this command (`FelixSimProcess`, `LiveHarness`) from `executable`.
    static func commandLine(executable: String) -> FelixSimCommandLine {
        FelixSimCommandLine(executable: executable, command: name)
    }
    static let summary = "A Felix stand-in: watch the API, run the model, feed the driver"
    static let about = """
        Usage: k8sfv felix-sim [OPTIONS]

        Lists and watches namespaces, pods, NetworkPolicies and nodes (re-listing after a
        410), feeds them to the in-process calc-graph model, marks in-sync once every initial
        list is in, and flushes after each burst of watch events. Its output goes to the
        dataplane driver it starts as Felix does: the executable named by FELIX_DATAPLANEDRIVER
        (default: this k8sfv with the argument 'dataplane-driver'), with framed ToDataplane
        messages on fd 3 (sequence numbers from 0) and fd 4 for its replies (read, ignored),
        and this process's environment (plus K8SFV_RELAY_SOCKET when --relay-socket is given).
        Stops cleanly on SIGTERM, SIGINT or end of standard input.
        """

    static let options: [OptionDeclaration] = LiveConnection.declarations + [
        .text("--hostname", "NAME", "Felix's node name (default: $FELIX_FELIXHOSTNAME, else host-0)"),
        .text("--inject", "NAME", "switch on an injected bug in the model", repeatable: true),
        .text("--relay-socket", "PATH", "set K8SFV_RELAY_SOCKET for the driver (default: inherited)"),
        .duration("--coalesce", allowZero: true, "quiet gap that ends a burst of events", default: "20ms"),
        .flag("--ignore-stdin", "do not stop at end of standard input (for detached runs)"),
        .integer(
            "--metrics-port", in: 0...65535,
            "serve Felix's calc-graph metrics (felix_calc_graph_*) for the model at http://127.0.0.1:N/metrics (0: off)",
            default: 0),
    ]

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let connection = try LiveConnection.parse(&arguments)
        let environment = ProcessInfo.processInfo.environment
        let hostname = try arguments.option("--hostname") ?? environment["FELIX_FELIXHOSTNAME"] ?? Vocabulary.localHost
        let injections: Set<InjectedBug>
        do { injections = try TargetSpec.injections(named: try arguments.options("--inject")) } catch let error as ConfigurationError {
            throw UsageError("option --inject: \(error.message)")
        }
        let relay = try arguments.option("--relay-socket")
        let coalesce = try arguments.durationOption("--coalesce") ?? 0.02
        let ignoreStdin = try arguments.flag("--ignore-stdin")
        let metricsPort = try arguments.intOption("--metrics-port") ?? 0
        try arguments.finish()
        let meter = metricsPort > 0 ? CalcGraphMeter() : nil
        let endpoint: MetricsEndpoint?
        do {
            endpoint = try meter.map { try MetricsEndpoint(port: UInt16(metricsPort), meter: $0) }
        } catch let error as TargetError {
            throw EnvironmentError(error.message)
        }
        defer { endpoint?.stop() }

        var driverEnvironment = environment
        if let relay { driverEnvironment["K8SFV_RELAY_SOCKET"] = LiveConnection.absolute(relay) }
        let driverPath: String
        var driverArguments: [String] = []
        if let named = environment["FELIX_DATAPLANEDRIVER"], !named.isEmpty {
            driverPath = named
        } else {
            driverPath = LiveSession.currentExecutable()
            driverArguments = ["dataplane-driver"]
        }
        guard FileManager.default.isExecutableFile(atPath: driverPath) else {
            throw InputError("the dataplane driver '\(driverPath)' is not an executable file (FELIX_DATAPLANEDRIVER)")
        }

        let stop = StopFlag()
        let trap = SignalTrap(stopping: stop)
        defer { withExtendedLifetime(trap) {} }
        if !ignoreStdin {
            let reader = Thread {
                while let chunk = try? readStandardInput(), !chunk.isEmpty {}
                stop.stop()
            }
            reader.name = "k8sfv-felix-sim-stdin"
            reader.start()
        }

        let sim = FelixSim(
            configuration: FelixSim.Configuration(
                client: try connection.client(), hostname: hostname, injections: injections, coalesce: coalesce,
                driverPath: driverPath, driverArguments: driverArguments, driverEnvironment: driverEnvironment,
                meter: meter),
            log: { io.error($0) })
        let summary: FelixSim.Summary
        do { summary = try sim.run(until: { stop.isStopped }) } catch let error as TargetError {
            throw InputError(error.message)
        }
        io.error(
            "felix-sim: stopped (\(summary.stoppedBecause)): \(summary.events) events, \(summary.flushes) flushes, "
                + "\(summary.messages) messages to the driver, \(summary.relists) lists, \(summary.skipped) objects skipped")
        let clean = stop.isStopped
        return clean ? ExitCode.ok : ExitCode.badInput
    }

    private static func readStandardInput() throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count >= 0 { return Array(buffer.prefix(count)) }
            if errno != EINTR { return [] }
        }
    }
}
