// The kubeconfig subset kubectl writes, and the in-cluster convention.
import Foundation
import Testing
@testable import KubeClient
import KubeStandIn

@Suite struct KubeconfigTests {
    static let kindStyle = """
    apiVersion: v1
    clusters:
    - cluster:
        certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
        server: https://127.0.0.1:6443
      name: kind-kind
    - cluster:
        insecure-skip-tls-verify: true
        server: "https://10.1.2.3:6443"
      name: remote
    - cluster:
        server: http://127.0.0.1:8001   # kubectl proxy
      name: proxy
    contexts:
    - context:
        cluster: kind-kind
        user: kind-kind
      name: kind-kind
    - context:
        cluster: remote
        user: token-user
        namespace: 'team-a'
      name: remote
    - context:
        cluster: proxy
        user: ""
      name: proxy
    current-context: kind-kind
    kind: Config
    preferences: {}
    users:
    - name: kind-kind
      user:
        client-certificate-data: LS0tLS1CRUdJTg==
        client-key-data: LS0tLS1CRUdJTg==
    - name: token-user
      user:
        token: abc.def
    """

    @Test func parsesClustersUsersContexts() throws {
        let config = try Kubeconfig.parse(Self.kindStyle)
        #expect(config.clusters.map(\.name) == ["kind-kind", "remote", "proxy"])
        #expect(config.clusters[0].certificateAuthorityData.map { String(decoding: $0, as: UTF8.self) } == "-----BEGIN CERTIFICATE-----\n")
        #expect(config.clusters[1].insecureSkipTLSVerify)
        #expect(config.clusters[1].server == "https://10.1.2.3:6443")
        #expect(config.clusters[2].server == "http://127.0.0.1:8001")
        #expect(config.contexts[1].namespace == "team-a")
        #expect(config.currentContext == "kind-kind")
        #expect(config.users[1].token == Secret("abc.def"))
    }

    @Test func contextsBecomeClientConfigsOrClearErrors() throws {
        let config = try Kubeconfig.parse(Self.kindStyle)
        // Current context: client certificate over https, carried to the https transport.
        let kind = try config.clientConfig()
        #expect(kind.tls.usesClientCertificate)
        #expect(kind.tls.clientCertificate != nil && kind.tls.clientKey != nil)
        #expect(throws: Never.self) { try KubeClient(config: kind) }
        // Remote context: refused as remote first.
        let remote = try config.clientConfig(context: "remote")
        #expect(remote.defaultNamespace == "team-a")
        #expect(throws: KubeClientError.self) { try KubeClient(config: remote) }
        // Proxy context: plain http on loopback works.
        let proxy = try config.clientConfig(context: "proxy")
        #expect(throws: Never.self) { try KubeClient(config: proxy) }
        #expect(throws: KubeClientError.self) { try config.clientConfig(context: "missing") }
    }

    @Test func tokenFileAndJSONForm() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-kc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("file-token\n".utf8).write(to: dir.appendingPathComponent("token"))
        let server = try KubeStandIn.start(options: StandInOptions(bearerToken: "file-token"))
        defer { server.stop() }
        let json = """
        {"apiVersion":"v1","kind":"Config","current-context":"c",
         "clusters":[{"name":"s","cluster":{"server":"\(server.baseURL.absoluteString)"}}],
         "contexts":[{"name":"c","context":{"cluster":"s","user":"u"}}],
         "users":[{"name":"u","user":{"tokenFile":"token"}}]}
        """
        try Data(json.utf8).write(to: dir.appendingPathComponent("config"))
        let kubeconfig = try Kubeconfig.load(path: dir.appendingPathComponent("config").path)
        let client = try KubeClient(config: try kubeconfig.clientConfig())
        let version = try await client.version()
        #expect(version["gitVersion"]?.stringValue?.isEmpty == false)
    }

    @Test func unsupportedYAMLIsAClearError() {
        do {
            _ = try Kubeconfig.parse("clusters:\n- cluster:\n    server: |\n      https://x\n  name: a\n")
            Issue.record("accepted a block scalar")
        } catch {
            #expect(String(describing: error).contains("line 3"))
        }
    }

    @Test func inClusterConfig() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-sa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("sa-token".utf8).write(to: dir.appendingPathComponent("token"))
        try Data("pem".utf8).write(to: dir.appendingPathComponent("ca.crt"))
        try Data("kube-system\n".utf8).write(to: dir.appendingPathComponent("namespace"))
        let env = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        #expect(InClusterConfig.isAvailable(environment: env))
        let config = try InClusterConfig.load(environment: env, mount: dir.path, allowRemoteCluster: true)
        #expect(config.server.absoluteString == "https://10.96.0.1:443")
        #expect(config.defaultNamespace == "kube-system")
        #expect(config.bearerToken == Secret("sa-token"))
        // The service CA is custom; the https transport trusts it.
        #expect(config.tls.certificateAuthorityPath == dir.appendingPathComponent("ca.crt").path)
        #expect(throws: Never.self) { try KubeClient(config: config) }
        #expect(throws: KubeClientError.self) { try InClusterConfig.load(environment: [:], mount: dir.path) }
    }
}
