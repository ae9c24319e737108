import CalcGraph
import Foundation

/// How to start felix-sim: the executable and the command word that runs it. The driver never
/// names a CLI command itself; the program that owns felix-sim (the k8sfv CLI,
/// `FelixSimCommand.commandLine`, or a test naming the binary it built) passes it in, as
/// campaigns are given their hidden commands through `WorkerCommandLine`.
public struct FelixSimCommandLine: Sendable, Hashable {
    public var executable: String
    /// Runs felix-sim: `executable command --server URL --hostname H --relay-socket PATH [--inject BUG]...`.
    public var command: String

    public init(executable: String, command: String) {
        self.executable = executable
        self.command = command
    }

    /// The arguments after the executable. `connection` replaces `--server URL` (e.g.
    /// `--kubeconfig FILE` for an https server with credentials).
    public func arguments(
        server: URL, relaySocket: String, hostname: String, injections: Set<InjectedBug>, extra: [String],
        connection: [String]?
    ) -> [String] {
        [command] + (connection ?? ["--server", server.absoluteString])
            + ["--hostname", hostname, "--relay-socket", relaySocket]
            + injections.map(\.rawValue).sorted().flatMap { ["--inject", $0] } + extra
    }
}
