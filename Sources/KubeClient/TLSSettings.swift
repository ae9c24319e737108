// What a cluster asks of TLS, and what Foundation's URLSession on Linux can honour.
// Takes: the kubeconfig / in-cluster TLS fields. Gives: a check that fails with a clear error
// for what cannot be done. Per /work/shared/spec/swift-linux.md §2a (tested): URLSession on
// Linux trusts only the system store (no custom CA, no way to skip verification) and has no
// client-certificate API. The fallback is `kubectl proxy`, which does TLS and auth itself and
// serves plain HTTP on loopback.
import Foundation

public struct TLSSettings: Sendable, Hashable {
    /// PEM bytes of a custom CA (from certificate-authority-data or the file it names).
    public var certificateAuthority: Data?
    public var certificateAuthorityPath: String?
    public var insecureSkipVerify: Bool
    /// The kubeconfig names a client certificate/key (file or data).
    public var usesClientCertificate: Bool
    public var serverName: String?
    /// The caller vouches that the custom CA is installed in the system trust store, so
    /// system verification will accept the server.
    public var customCAIsInSystemTrustStore: Bool

    public init(certificateAuthority: Data? = nil, certificateAuthorityPath: String? = nil,
                insecureSkipVerify: Bool = false, usesClientCertificate: Bool = false,
                serverName: String? = nil, customCAIsInSystemTrustStore: Bool = false) {
        self.certificateAuthority = certificateAuthority
        self.certificateAuthorityPath = certificateAuthorityPath
        self.insecureSkipVerify = insecureSkipVerify
        self.usesClientCertificate = usesClientCertificate
        self.serverName = serverName
        self.customCAIsInSystemTrustStore = customCAIsInSystemTrustStore
    }

    static let proxyAdvice = "run `kubectl proxy --address=127.0.0.1 --port=8001` (kubectl does TLS and authentication) and point k8sfv at http://127.0.0.1:8001 with no credentials"

    /// Throws `.unsupportedTLS` when the server is https and needs something URLSession lacks.
    func check(scheme: String) throws {
        guard scheme == "https" else { return }
        if usesClientCertificate {
            throw KubeClientError.unsupportedTLS("the kubeconfig user authenticates with a client certificate, which Foundation's URLSession on Linux cannot present; use a bearer token, or \(Self.proxyAdvice)")
        }
        if insecureSkipVerify {
            throw KubeClientError.unsupportedTLS("insecure-skip-tls-verify cannot be honoured: URLSession on Linux always verifies against the system trust store; \(Self.proxyAdvice)")
        }
        if (certificateAuthority != nil || certificateAuthorityPath != nil) && !customCAIsInSystemTrustStore {
            throw KubeClientError.unsupportedTLS("the cluster uses a custom CA, and URLSession on Linux trusts only the system store (SSL_CERT_FILE and delegate challenges have no effect); \(Self.proxyAdvice), or install the CA system-wide and set customCAIsInSystemTrustStore")
        }
    }
}
