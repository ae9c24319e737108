// What `k8sfv live setup` leaves for the commands that follow it (`live env`, `fuzz --target
// live`, `replay --target live`, `live teardown`): the run ID that marks k8sfv's objects, how
// to reach the API server, Felix's hostname, the relay socket and the driver wrapper.
// Stored as `<state dir>/session.json` (default state dir `.k8sfv-live`). It never holds a
// credential: only the kubeconfig's path.

import Calico
import Driver
import Foundation
import Live

struct LiveSession: Codable, Hashable {
    var runID: String
    var connection: LiveConnection
    var hostname: String
    var remoteHosts: [String]
    var relaySocket: String
    var driverScript: String
    var metricsPort: Int

    static let defaultStateDirectory = ".k8sfv-live"

    static func file(in directory: String) -> URL {
        URL(fileURLWithPath: directory).appendingPathComponent("session.json")
    }

    static func load(from directory: String) throws -> LiveSession? {
        let url = file(in: directory)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(LiveSession.self, from: data)
        } catch {
            throw InputError("\(url.path) is not a k8sfv live session file (\(error)); run 'k8sfv live setup' again")
        }
    }

    func save(in directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let data = try KubeJSON.encode(self, pretty: true)
        try data.write(to: Self.file(in: directory))
    }

    /// A new run ID: `r` + time + process, a valid label value.
    static func newRunID() -> String {
        let millis = UInt64(Date().timeIntervalSince1970 * 1000)
        return "r\(String(millis, radix: 36))-\(getpid())"
    }

    /// The environment Felix needs to run against this session, one `NAME=value` per line.
    /// Sources: felix-live.md §3.1 (projectcalico/calico:felix/config/config_params.go).
    func felixEnvironment() -> [(String, String)] {
        var environment: [(String, String)] = [
            ("FELIX_DATASTORETYPE", "kubernetes"),
            ("CALICO_DATASTORE_TYPE", "kubernetes"),
        ]
        if let server = connection.server {
            environment.append(("K8S_API_ENDPOINT", server))
            // libcalico-go's KDD settings for the same TLS set-up (a token file is not passed:
            // give Felix a kubeconfig for token authentication).
            if let ca = connection.certificateAuthority { environment.append(("K8S_CA_FILE", ca)) }
            if connection.insecureSkipTLSVerify == true { environment.append(("K8S_INSECURE_SKIP_TLS_VERIFY", "true")) }
        } else if let path = connection.kubeconfigPath {
            environment.append(("KUBECONFIG", path))
            if let context = connection.context { environment.append(("K8S_CURRENT_CONTEXT", context)) }
        }
        environment += [
            ("CALICO_API_GROUP", "crd.projectcalico.org/v1"),
            ("FELIX_FELIXHOSTNAME", hostname),
            ("FELIX_USEINTERNALDATAPLANEDRIVER", "false"),
            ("FELIX_DATAPLANEDRIVER", driverScript),
            ("FELIX_NFTABLESMODE", "Disabled"),
            ("FELIX_USAGEREPORTINGENABLED", "false"),
            ("FELIX_PROMETHEUSMETRICSENABLED", "true"),
            ("FELIX_PROMETHEUSMETRICSHOST", "127.0.0.1"),
            ("FELIX_PROMETHEUSMETRICSPORT", String(metricsPort)),
            ("FELIX_HEALTHENABLED", "true"),
            ("FELIX_HEALTHHOST", "127.0.0.1"),
            ("FELIX_LOGFILEPATH", "none"),
            ("FELIX_LOGSEVERITYSYS", "none"),
            ("FELIX_LOGSEVERITYSCREEN", "info"),
            ("K8SFV_RELAY_SOCKET", relaySocket),
        ]
        return environment
    }

    /// The wrapper Felix starts as its driver: Felix passes no arguments, so the wrapper adds
    /// `dataplane-driver` and the relay socket.
    static func driverScript(k8sfv: String, relaySocket: String) -> String {
        """
        #!/bin/sh
        # Felix's external dataplane driver for k8sfv (written by 'k8sfv live setup').
        # Felix starts it with no arguments and its message pipes on fd 3 and fd 4.
        K8SFV_RELAY_SOCKET=\(shellQuoted(relaySocket))
        export K8SFV_RELAY_SOCKET
        exec \(shellQuoted(k8sfv)) dataplane-driver "$@"

        """
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The running k8sfv executable, so the wrapper and felix-sim start the same build.
    static func currentExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return LiveConnection.absolute(CommandLine.arguments.first ?? "k8sfv")
    }

    /// The live target for this session.
    func makeTarget(deadline: Double, settle: Double, quietLimit: Double?) throws -> LiveTarget {
        let client = try connection.client()
        return try LiveTarget(configuration: LiveTarget.Configuration(
            client: client, runID: runID, relaySocketPath: relaySocket, felixHostname: hostname,
            convergenceDeadline: deadline, settleTime: settle, quietLimit: quietLimit))
    }
}
