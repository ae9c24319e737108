// `k8sfv live setup` and `live teardown` against an HTTPS API server with no proxy, the
// two ways a user names one: --server https://… with --certificate-authority and
// --token-file, and a kubeconfig with a client certificate as kind writes it.

import Foundation
import KubeStandIn
import Testing
@testable import K8sfvCLI

// Serialized: each command blocks a thread of the (two-wide, on CI) concurrency pool while its
// requests run on the pool.
@Suite(.serialized, .enabled(if: StandInCertificates.enabledOrCI, "openssl is not installed"))
struct LiveHTTPSCommandTests {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-live-https-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func serverWithCAFileAndTokenFile() throws {
        let certs = try StandInCertificates.get()
        let standIn = try KubeStandIn.start(options: StandInOptions(bearerToken: "cli-token", tls: certs.tls(requireClientCertificate: false)))
        defer { standIn.stop() }
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("cli-token\n".utf8).write(to: dir.appendingPathComponent("token"))
        let connection = ["--server", standIn.baseURL.absoluteString, "--certificate-authority", certs.path("ca.crt"),
                          "--token-file", dir.appendingPathComponent("token").path]
        let setup = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["live", "setup", "--state-dir", dir.path] + connection, io: setup.io) == 0, "\(setup.stderr)")
        #expect(setup.stdout.contains("K8S_CA_FILE=\(certs.path("ca.crt"))"))
        #expect(!setup.stdout.contains("cli-token") && !setup.stderr.contains("cli-token"))
        #expect(standIn.objects(.nodes).contains { $0.name == "host-0" })
        let teardown = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["live", "teardown", "--state-dir", dir.path], io: teardown.io) == 0, "\(teardown.stderr)")
        #expect(!standIn.objects(.nodes).contains { $0.name == "host-0" })

        // Without the CA the error says what to do; a CA option without --server is a usage error.
        let refused = CapturedIO()
        // A server whose certificate cannot be verified is the environment (exit 3), with advice.
        #expect(K8sfvMain.run(arguments: ["live", "setup", "--state-dir", dir.path, "--server", standIn.baseURL.absoluteString], io: refused.io) == 3)
        #expect(refused.stderr.contains("--certificate-authority"), "\(refused.stderr)")
        let misuse = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["live", "setup", "--state-dir", dir.path, "--certificate-authority", "x"], io: misuse.io) == 2)
    }

    @Test func kubeconfigWithClientCertificate() throws {
        let certs = try StandInCertificates.get()
        let standIn = try KubeStandIn.start(options: StandInOptions(tls: certs.tls(requireClientCertificate: true)))
        defer { standIn.stop() }
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let kubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: kind-k8sfv
        clusters:
        - name: kind-k8sfv
          cluster:
            server: \(standIn.baseURL.absoluteString)
            certificate-authority-data: \(try certs.pem("ca.crt").base64EncodedString())
        contexts:
        - name: kind-k8sfv
          context:
            cluster: kind-k8sfv
            user: kind-k8sfv
        users:
        - name: kind-k8sfv
          user:
            client-certificate-data: \(try certs.pem("client-rsa.crt").base64EncodedString())
            client-key-data: \(try certs.pem("client-rsa.key").base64EncodedString())
        """
        let path = dir.appendingPathComponent("kubeconfig").path
        try Data(kubeconfig.utf8).write(to: URL(fileURLWithPath: path))
        let setup = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["live", "setup", "--state-dir", dir.path, "--kubeconfig", path], io: setup.io) == 0, "\(setup.stderr)")
        #expect(setup.stdout.contains("KUBECONFIG=\(path)"))
        #expect(standIn.objects(.nodes).contains { $0.name == "host-0" })
        let teardown = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["live", "teardown", "--state-dir", dir.path], io: teardown.io) == 0, "\(teardown.stderr)")
        #expect(!standIn.objects(.nodes).contains { $0.name == "host-0" })
    }
}
