// The https transport (libcurl through dlopen) against the stand-in serving HTTPS with
// certificates made at test time: kubeconfigs as kind/k3s/kubeadm write them (CA and client
// certificate as base64 data, EC and RSA keys), a CA file with a token file, insecure-skip-
// tls-verify, and the failures a user meets (no CA, no client certificate, a wrong token),
// each with advice. Watches stream over TLS on their own threads.

import Foundation
import Testing
@testable import KubeClient
import KubeStandIn

@Suite(.enabled(if: StandInCertificates.enabledOrCI, "openssl is not installed"))
struct HTTPSTransportTests {
    static func kubeconfig(server: URL, cluster: String, user: String, in directory: URL) throws -> Kubeconfig {
        let text = """
        {"apiVersion":"v1","kind":"Config","current-context":"c",
         "clusters":[{"name":"s","cluster":{"server":"\(server.absoluteString)"\(cluster)}}],
         "contexts":[{"name":"c","context":{"cluster":"s","user":"u"}}],
         "users":[{"name":"u","user":{\(user)}}]}
        """
        let file = directory.appendingPathComponent("config-\(UUID().uuidString)")
        try Data(text.utf8).write(to: file)
        return try Kubeconfig.load(path: file.path)
    }

    static func b64(_ data: Data) -> String { data.base64EncodedString() }

    @Test(arguments: ["ec", "rsa"])
    func clientCertificateFromKubeconfigData(_ keyKind: String) async throws {
        let certs = try StandInCertificates.get()
        let server = try KubeStandIn.start(options: StandInOptions(tls: StandInTLS(
            certificatePath: certs.path("server.crt"), keyPath: certs.path("server.key"), clientCAPath: certs.path("ca.crt"))))
        defer { server.stop() }
        #expect(server.baseURL.scheme == "https")
        let ca = Self.b64(try certs.pem("ca.crt"))
        let certificate = Self.b64(try certs.pem("client-" + keyKind + ".crt"))
        let key = Self.b64(try certs.pem("client-" + keyKind + ".key"))
        let config = try Self.kubeconfig(
            server: server.baseURL, cluster: #", "certificate-authority-data":"\#(ca)""#,
            user: #""client-certificate-data":"\#(certificate)","client-key-data":"\#(key)""#,
            in: certs.directory)
        let client = try KubeClient(config: try config.clientConfig())
        _ = try await client.create(.namespaces, namespaceObject("tls-\(keyKind)"))
        let list = try await client.list(.namespaces)
        #expect(list.items.contains { $0.metadataName == "tls-\(keyKind)" })

        // A watch streams over TLS: the ADDED event of a namespace made after it started.
        let events = try client.watch(.namespaces, options: WatchOptions(resourceVersion: list.resourceVersion, timeoutSeconds: 20))
        _ = try await client.create(.namespaces, namespaceObject("tls-\(keyKind)-2"))
        var seen: String?
        for try await event in events {
            seen = event.object.metadataName
            break
        }
        #expect(seen == "tls-\(keyKind)-2")
    }

    @Test func withoutTheClientCertificateTheServerRefusesWithAdvice() async throws {
        let certs = try StandInCertificates.get()
        let server = try KubeStandIn.start(options: StandInOptions(tls: StandInTLS(
            certificatePath: certs.path("server.crt"), keyPath: certs.path("server.key"), clientCAPath: certs.path("ca.crt"))))
        defer { server.stop() }
        let config = try Self.kubeconfig(
            server: server.baseURL, cluster: #", "certificate-authority":"\#(certs.path("ca.crt"))""#, user: "", in: certs.directory)
        let client = try KubeClient(config: try config.clientConfig())
        let error = await expectKubeError { _ = try await client.version() }
        guard case .transport(let message)? = error else { Issue.record("expected a transport error, got \(String(describing: error))"); return }
        #expect(message.contains("client-certificate-data"))
    }

    @Test func caFileAndTokenFile() async throws {
        let certs = try StandInCertificates.get()
        let server = try KubeStandIn.start(options: StandInOptions(bearerToken: "tls-token", tls: StandInTLS(
            certificatePath: certs.path("server.crt"), keyPath: certs.path("server.key"))))
        defer { server.stop() }
        try Data("tls-token\n".utf8).write(to: certs.directory.appendingPathComponent("token"))
        try Data("wrong-token\n".utf8).write(to: certs.directory.appendingPathComponent("wrong-token"))
        let good = try Self.kubeconfig(
            server: server.baseURL, cluster: #", "certificate-authority":"ca.crt""#, user: #""tokenFile":"token""#, in: certs.directory)
        let client = try KubeClient(config: try good.clientConfig())
        _ = try await client.create(.namespaces, namespaceObject("tls-token"))
        #expect(try await client.get(.namespaces, name: "tls-token").metadataName == "tls-token")

        let wrong = try Self.kubeconfig(
            server: server.baseURL, cluster: #", "certificate-authority":"ca.crt""#, user: #""tokenFile":"wrong-token""#, in: certs.directory)
        let refused = try KubeClient(config: try wrong.clientConfig())
        let error = await expectKubeError { _ = try await refused.list(.namespaces) }
        guard case .api(let apiError)? = error else { Issue.record("expected 401, got \(String(describing: error))"); return }
        #expect(apiError.code == 401)
        #expect(!"\(apiError)".contains("wrong-token"))
    }

    @Test func anUntrustedServerFailsWithAdviceAndInsecureSkipVerifyConnects() async throws {
        let certs = try StandInCertificates.get()
        let server = try KubeStandIn.start(options: StandInOptions(tls: StandInTLS(
            certificatePath: certs.path("server.crt"), keyPath: certs.path("server.key"))))
        defer { server.stop() }
        // --server https://… with no CA, and a kubeconfig whose CA is another one.
        for client in [
            try KubeClient(config: KubeClientConfig(server: server.baseURL)),
            try KubeClient(config: try Self.kubeconfig(
                server: server.baseURL, cluster: #", "certificate-authority":"other-ca.crt""#, user: "", in: certs.directory).clientConfig()),
        ] {
            let error = await expectKubeError { _ = try await client.version() }
            guard case .transport(let message)? = error else { Issue.record("expected a transport error, got \(String(describing: error))"); continue }
            #expect(message.contains("certificate-authority-data"), "\(message)")
        }
        let insecure = try Self.kubeconfig(
            server: server.baseURL, cluster: #", "insecure-skip-tls-verify":true"#, user: "", in: certs.directory)
        let client = try KubeClient(config: try insecure.clientConfig())
        #expect(try await client.version()["gitVersion"]?.stringValue?.isEmpty == false)
    }
}
