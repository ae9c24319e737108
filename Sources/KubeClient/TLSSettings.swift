// What a cluster asks of TLS: the CA to trust, the client certificate and key to present, or
// no verification at all. Every field maps to a kubeconfig field (certificate-authority[-data],
// client-certificate[-data], client-key[-data], insecure-skip-tls-verify, tls-server-name) or
// to a CLI option. https goes through libcurl (CurlTransport), which honours all of them;
// plain http (a loopback stand-in, `kubectl proxy`) needs none.
import Foundation

public struct TLSSettings: Sendable, Hashable {
    /// PEM bytes of a custom CA (certificate-authority-data).
    public var certificateAuthority: Data?
    /// A PEM file of a custom CA (certificate-authority).
    public var certificateAuthorityPath: String?
    public var insecureSkipVerify: Bool
    /// PEM bytes of the client certificate (client-certificate-data).
    public var clientCertificate: Data?
    public var clientCertificatePath: String?
    /// PEM text of the client key (client-key-data, decoded); never printed.
    public var clientKey: Secret?
    public var clientKeyPath: String?
    public var serverName: String?

    public init(certificateAuthority: Data? = nil, certificateAuthorityPath: String? = nil,
                insecureSkipVerify: Bool = false, clientCertificate: Data? = nil, clientCertificatePath: String? = nil,
                clientKey: Secret? = nil, clientKeyPath: String? = nil, serverName: String? = nil) {
        self.certificateAuthority = certificateAuthority
        self.certificateAuthorityPath = certificateAuthorityPath
        self.insecureSkipVerify = insecureSkipVerify
        self.clientCertificate = clientCertificate
        self.clientCertificatePath = clientCertificatePath
        self.clientKey = clientKey
        self.clientKeyPath = clientKeyPath
        self.serverName = serverName
    }

    /// The user presents a client certificate.
    public var usesClientCertificate: Bool {
        clientCertificate != nil || clientCertificatePath != nil || clientKey != nil || clientKeyPath != nil
    }

    /// Any TLS material at all (CA, client certificate, or no verification).
    var isConfigured: Bool {
        certificateAuthority != nil || certificateAuthorityPath != nil || insecureSkipVerify || usesClientCertificate
    }

    /// The fallback when libcurl is unavailable: kubectl does TLS and authentication.
    static let proxyAdvice = "run `kubectl proxy --address=127.0.0.1 --port=8001` (kubectl does TLS and authentication) and point k8sfv at --server http://127.0.0.1:8001"

    /// Throws for set-ups that cannot work whatever the engine: TLS material on a plain-http
    /// server, half a client certificate, a server name override (not supported).
    func check(scheme: String) throws {
        if scheme == "http" && usesClientCertificate {
            throw KubeClientError.configuration("the kubeconfig user has a client certificate but the server is plain http://; use the https:// server URL the cluster tool wrote")
        }
        if (clientCertificate != nil || clientCertificatePath != nil) != (clientKey != nil || clientKeyPath != nil) {
            throw KubeClientError.configuration("a client certificate needs both client-certificate[-data] and client-key[-data]; the kubeconfig user has only one of them")
        }
        if serverName != nil && scheme == "https" {
            throw KubeClientError.unsupportedTLS("tls-server-name is not supported; remove it and use a server URL whose host name is in the server's certificate, or \(Self.proxyAdvice)")
        }
    }
}
