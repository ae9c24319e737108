import CalcGraph
import Driver
import Foundation
@testable import K8sfvCLI
import Testing

/// The driver starts children (campaign workers, shrink jobs, felix-sim) only with command
/// words the CLI hands it, and each word is one the CLI really dispatches: renaming a command
/// cannot leave the driver starting a command that no longer exists.
@Suite struct ChildCommandLineTests {
    @Test func felixSimIsStartedWithTheCommandTheCLIOwns() throws {
        let line = FelixSimCommand.commandLine(executable: "/bin/k8sfv")
        #expect(line.executable == "/bin/k8sfv")
        let command = try #require(CommandRegistry.command(named: line.command))
        #expect(command.name == FelixSimCommand.name)
        let arguments = line.arguments(
            server: URL(string: "http://127.0.0.1:8001")!, relaySocket: "/tmp/r.sock", hostname: "host-0",
            injections: [.memberNotRefCounted, .ipSetNotRefCounted], extra: ["--metrics-port", "9091"], connection: nil)
        #expect(arguments == [
            line.command, "--server", "http://127.0.0.1:8001", "--hostname", "host-0", "--relay-socket", "/tmp/r.sock",
            "--inject", "ipSetNotRefCounted", "--inject", "memberNotRefCounted", "--metrics-port", "9091",
        ])
        let viaKubeconfig = line.arguments(
            server: URL(string: "https://example")!, relaySocket: "/tmp/r.sock", hostname: "h", injections: [], extra: [],
            connection: ["--kubeconfig", "/k"])
        #expect(viaKubeconfig.prefix(3) == [line.command, "--kubeconfig", "/k"])
    }

    @Test func campaignChildrenAreStartedWithCommandsTheCLIOwns() throws {
        let line = WorkerExecutable.commandLine(executable: "/bin/k8sfv")
        for word in [line.worker, line.shrink, line.evaluate] {
            #expect(CommandRegistry.command(named: word) != nil, "\(word) is not a command")
        }
    }
}
