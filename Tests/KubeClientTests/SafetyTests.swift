// Tokens never leak into text; remote servers and impossible TLS set-ups are refused; the
// ownership guard leaves unowned objects untouched.
import Foundation
import Testing
@testable import KubeClient
import KubeStandIn

@Suite struct SafetyTests {
    static let token = "s3cr3t-token-value-0123456789"

    @Test func tokenNeverAppearsInDescriptions() throws {
        let config = KubeClientConfig(server: URL(string: "http://127.0.0.1:1")!, bearerToken: Secret(Self.token))
        var dumped = ""
        dump(config, to: &dumped)
        for text in [String(describing: config), String(reflecting: config), "\(config)", dumped,
                     String(describing: config.bearerToken as Any), String(reflecting: Secret(Self.token))] {
            #expect(!text.contains(Self.token), "leaked in: \(text)")
        }
        let user = try Kubeconfig.parse(Self.kubeconfig(server: "http://127.0.0.1:1")).users[0]
        var userDump = ""
        dump(user, to: &userDump)
        #expect(!userDump.contains(Self.token))
        #expect(!String(describing: user).contains(Self.token))
    }

    @Test func tokenIsSentButNeverInErrors() async throws {
        let server = try KubeStandIn.start(options: StandInOptions(bearerToken: Self.token))
        defer { server.stop() }
        let good = try KubeClient(config: KubeClientConfig(server: server.baseURL, bearerToken: Secret(Self.token), retry: quickRetry))
        _ = try await good.create(.namespaces, namespaceObject("demo"))
        let wrong = Self.token + "-wrong"
        let bad = try KubeClient(config: KubeClientConfig(server: server.baseURL, bearerToken: Secret(wrong), retry: quickRetry))
        let error = await expectKubeError { _ = try await bad.get(.namespaces, name: "demo") }
        #expect(error?.apiError?.code == 401)
        var dumped = ""
        dump(error as Any, to: &dumped)
        for text in [String(describing: error as Any), String(reflecting: error as Any), dumped] {
            #expect(!text.contains(Self.token))
        }
        // Transport errors and watch errors too.
        server.stop()
        let transport = await expectKubeError { _ = try await good.get(.namespaces, name: "demo") }
        #expect(transport != nil)
        #expect(!String(describing: transport as Any).contains(Self.token))
    }

    @Test func remoteServerIsRefusedUnlessAllowed() throws {
        for url in ["https://10.0.0.1:6443", "https://kubernetes.default.svc", "http://192.168.1.2:8080", "http://127.example.com"] {
            #expect(throws: KubeClientError.self) { try KubeClient(config: KubeClientConfig(server: URL(string: url)!)) }
        }
        for url in ["http://127.0.0.1:8001", "http://127.1.2.3:80", "http://localhost:8001", "http://[::1]:8001"] {
            #expect(throws: Never.self) { try KubeClient(config: KubeClientConfig(server: URL(string: url)!)) }
        }
        let allowed = KubeClientConfig(server: URL(string: "http://10.0.0.1:8080")!, allowRemoteCluster: true)
        #expect(throws: Never.self) { try KubeClient(config: allowed) }
        do {
            _ = try KubeClient(config: KubeClientConfig(server: URL(string: "https://10.0.0.1:6443")!))
        } catch let error as KubeClientError {
            guard case .remoteClusterRefused(let host) = error else { Issue.record("wrong error \(error)"); return }
            #expect(host == "10.0.0.1")
            #expect(error.description.contains("allowRemoteCluster"))
        }
    }

    @Test func tlsSetUpsThatCannotWorkAreRefusedWithAdvice() throws {
        let cases: [(TLSSettings, String, String)] = [
            (TLSSettings(clientCertificate: Data("pem".utf8)), "https", "client-key"),
            (TLSSettings(clientKey: Secret("key")), "https", "client-key"),
            (TLSSettings(serverName: "api.internal"), "https", "tls-server-name"),
            (TLSSettings(clientCertificate: Data("pem".utf8), clientKey: Secret("key")), "http", "https://"),
        ]
        for (tls, scheme, hint) in cases {
            let config = KubeClientConfig(server: URL(string: "\(scheme)://127.0.0.1:6443")!, tls: tls)
            do {
                _ = try KubeClient(config: config)
                Issue.record("accepted \(tls)")
            } catch let error as KubeClientError {
                #expect(error.description.contains(hint), "\(error)")
                #expect(!error.description.contains("key\""))
            }
        }
        // Custom CAs, client certificates and skipping verification are fine over https (libcurl).
        #expect(throws: Never.self) {
            try KubeClient(config: KubeClientConfig(server: URL(string: "https://127.0.0.1:6443")!, tls: TLSSettings(
                certificateAuthority: Data("pem".utf8), insecureSkipVerify: true,
                clientCertificate: Data("pem".utf8), clientKey: Secret("key"))))
        }
    }

    @Test func ownedClientNeverTouchesUnownedObjects() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let foreign = try await client.create(.pods, podObject("foreign", namespace: "demo"))
        let before = try #require(server.objects(.pods, namespace: "demo").first)
        let owned = OwnedClient(client: client, ownership: try Ownership(runID: "run-42"))
        let mine = try await owned.create(.pods, podObject("mine", namespace: "demo"))
        #expect(mine.labels[Ownership.labelKey] == "run-42")

        func refused(_ body: () async throws -> Void) async -> Bool {
            if case .notOwned? = await expectKubeError(body) { return true }
            return false
        }
        #expect(await refused { _ = try await owned.replace(.pods, foreign.settingLabel("x", to: "1")) })
        #expect(await refused { _ = try await owned.replaceStatus(.pods, foreign) })
        #expect(await refused { _ = try await owned.mergePatch(.pods, namespace: "demo", name: "foreign", ["metadata": ["labels": ["x": "1"]]]) })
        #expect(await refused { try await owned.delete(.pods, namespace: "demo", name: "foreign") })
        // Adding the label through a patch is also refused: the check reads the live object.
        #expect(await refused { _ = try await owned.mergePatch(.pods, namespace: "demo", name: "foreign", ["metadata": ["labels": [.init(stringLiteral: Ownership.labelKey): "run-42"]]]) })
        // Another run's objects are not ours either.
        let otherRun = OwnedClient(client: client, ownership: try Ownership(runID: "run-7"))
        #expect(await refused { try await otherRun.delete(.pods, namespace: "demo", name: "mine") })

        let after = try #require(server.objects(.pods, namespace: "demo").first(where: { $0.name == "foreign" }))
        #expect(after == before)

        // Owned objects go through, and keep the label.
        let updated = try await owned.mergePatch(.pods, namespace: "demo", name: "mine", ["metadata": ["labels": ["x": "1"]]])
        #expect(updated.labels[Ownership.labelKey] == "run-42")
        let listed = try await owned.listOwned(.pods, namespace: "demo")
        #expect(listed.items.compactMap(\.metadataName) == ["mine"])
        try await owned.delete(.pods, namespace: "demo", name: "mine")
        #expect(server.objects(.pods, namespace: "demo").map(\.name) == ["foreign"])
        #expect(throws: KubeClientError.self) { try Ownership(runID: "bad id!") }
    }

    static func kubeconfig(server: String) -> String {
        """
        apiVersion: v1
        clusters:
        - cluster:
            server: \(server)
          name: local
        contexts:
        - context:
            cluster: local
            namespace: demo
            user: admin
          name: local
        current-context: local
        kind: Config
        preferences: {}
        users:
        - name: admin
          user:
            token: \(token)
        """
    }
}
