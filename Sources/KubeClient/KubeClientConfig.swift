// Everything a KubeClient needs to reach one API server, and the safety checks on it.
// Takes: a server URL, optional bearer token, TLS settings, and policy knobs. Gives: a value
// that prints without its token, and `validate()`: loopback unless `allowRemoteCluster`, and
// TLS only as far as Foundation can honour it. Cost: O(1).
import Foundation

public struct KubeClientConfig: Sendable, CustomStringConvertible {
    public var server: URL
    /// Sent as `Authorization: Bearer …`; never printed.
    public var bearerToken: Secret?
    public var tls: TLSSettings
    /// Without it, only 127.0.0.0/8, ::1 and localhost are accepted: k8sfv creates and deletes
    /// objects, so pointing it at a real cluster must be a deliberate choice.
    public var allowRemoteCluster: Bool
    public var retry: RetryPolicy
    /// Per-request timeout (URLSession treats it as an idle timeout on Linux).
    public var requestTimeout: Double
    /// Idle timeout for watch streams; keep it above the watch's timeoutSeconds or use bookmarks.
    public var watchIdleTimeout: Double
    /// The namespace of the kubeconfig context or service account, if any.
    public var defaultNamespace: String?

    public init(server: URL, bearerToken: Secret? = nil, tls: TLSSettings = TLSSettings(),
                allowRemoteCluster: Bool = false, retry: RetryPolicy = .default, requestTimeout: Double = 30,
                watchIdleTimeout: Double = 330, defaultNamespace: String? = nil) {
        self.server = server
        self.bearerToken = bearerToken
        self.tls = tls
        self.allowRemoteCluster = allowRemoteCluster
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.watchIdleTimeout = watchIdleTimeout
        self.defaultNamespace = defaultNamespace
    }

    /// A loopback URL with no credentials, e.g. a stand-in or `kubectl proxy`.
    public static func loopback(_ url: URL, retry: RetryPolicy = .default) -> KubeClientConfig {
        KubeClientConfig(server: url, retry: retry)
    }

    public var description: String {
        "KubeClientConfig(server: \(server.absoluteString), token: \(bearerToken == nil ? "none" : "<redacted>"), allowRemoteCluster: \(allowRemoteCluster))"
    }

    /// Throws when the server is remote without permission, or TLS needs what URLSession lacks.
    public func validate() throws {
        guard let scheme = server.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw KubeClientError.configuration("server \(server.absoluteString) must be an http:// or https:// URL")
        }
        guard let host = server.host, !host.isEmpty else {
            throw KubeClientError.configuration("server \(server.absoluteString) has no host")
        }
        if !allowRemoteCluster && !Loopback.isLoopback(host: host) {
            throw KubeClientError.remoteClusterRefused(host: host)
        }
        try tls.check(scheme: scheme)
    }
}
