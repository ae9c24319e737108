// The live path over HTTPS, with no proxy: the stand-in serves TLS with certificates made at
// test time; live set-up, felix-sim (a child reading the same kubeconfig) and a short campaign
// all go through the libcurl transport. Once with a client certificate (EC key, data fields,
// as kind writes it), once with a CA file and a bearer token.

import Campaign
import Driver
import Foundation
import KubeClient
import KubeStandIn
import Live
import Testing

// Part of the serialized live-path suite: campaigns install the process-wide LiveTargets.
extension LivePathTests {
    static func writeKubeconfig(server: URL, cluster: String, user: String, in directory: URL) throws -> String {
        let text = """
        {"apiVersion":"v1","kind":"Config","current-context":"c",
         "clusters":[{"name":"s","cluster":{"server":"\(server.absoluteString)"\(cluster)}}],
         "contexts":[{"name":"c","context":{"cluster":"s","user":"u"}}],
         "users":[{"name":"u","user":{\(user)}}]}
        """
        let path = directory.appendingPathComponent("kubeconfig").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func campaign(standIn: KubeStandIn, kubeconfig: String, runID: String) async throws -> CampaignSummary {
        let k8sfv = self.k8sfv
        return try await LivePathSupport.onThread {
            let config = try Kubeconfig.load(path: kubeconfig).clientConfig()
            let harness = try LiveHarness(
                server: standIn.baseURL, felixSim: LivePathSupport.felixSim(k8sfv), runID: runID, convergenceDeadline: 10, quietLimit: 3,
                clientConfig: config,
                felixSimConnection: ["--kubeconfig", kubeconfig])
            defer { try? harness.close() }
            LiveTargets.install(sharing: harness.target)
            defer { LiveTargets.install(nil) }
            let configuration = CampaignConfiguration(
                seed: 1, sequenceLimit: 2, target: TargetSpec(kind: .live),
                outputDirectory: LivePathSupport.temporaryDirectory(runID), shrink: false)
            return Campaign(configuration: configuration).run()
        }
    }

    @Test("over HTTPS with a client certificate (EC key, kubeconfig data fields)",
          .enabled(if: StandInCertificates.enabledOrCI, "openssl is not installed"))
    func clientCertificate() async throws {
        let certs = try StandInCertificates.get()
        let standIn = try KubeStandIn.start(options: StandInOptions(tls: certs.tls(requireClientCertificate: true)))
        defer { standIn.stop() }
        let directory = LivePathSupport.temporaryDirectory("https-cert")
        let kubeconfig = try Self.writeKubeconfig(
            server: standIn.baseURL,
            cluster: #", "certificate-authority-data":"\#(try certs.pem("ca.crt").base64EncodedString())""#,
            user: #""client-certificate-data":"\#(try certs.pem("client-ec.crt").base64EncodedString())","client-key-data":"\#(try certs.pem("client-ec.key").base64EncodedString())""#,
            in: directory)
        let summary = try await campaign(standIn: standIn, kubeconfig: kubeconfig, runID: "https-cert")
        #expect(summary.statistics.sequences == 2)
        #expect(summary.statistics.steps > 0)
        #expect(summary.statistics.failures == 0, "\(summary.failures.map(\.message))")
    }

    @Test("over HTTPS with a CA file and a bearer token",
          .enabled(if: StandInCertificates.enabledOrCI, "openssl is not installed"))
    func token() async throws {
        let certs = try StandInCertificates.get()
        let standIn = try KubeStandIn.start(options: StandInOptions(bearerToken: "live-token", tls: certs.tls(requireClientCertificate: false)))
        defer { standIn.stop() }
        let directory = LivePathSupport.temporaryDirectory("https-token")
        let kubeconfig = try Self.writeKubeconfig(
            server: standIn.baseURL, cluster: #", "certificate-authority":"\#(certs.path("ca.crt"))""#,
            user: #""token":"live-token""#, in: directory)
        let summary = try await campaign(standIn: standIn, kubeconfig: kubeconfig, runID: "https-token")
        #expect(summary.statistics.sequences == 2)
        #expect(summary.statistics.failures == 0, "\(summary.failures.map(\.message))")
    }
}
