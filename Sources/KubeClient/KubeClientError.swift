// Every way a KubeClient call can fail, as one enum.
// Takes: nothing. Gives: typed cases the Driver can switch on; `.gone` is separate from `.api`
// because it means "your resourceVersion is too old: list again". No case ever carries a
// credential (see `Secret`).

public enum KubeClientError: Error, Sendable, CustomStringConvertible {
    /// A non-2xx answer other than 410.
    case api(KubeAPIError)
    /// 410 Gone/Expired, as an HTTP status or a watch ERROR event: re-list, then watch again.
    case gone(KubeAPIError)
    /// The request never got an HTTP answer (connection refused, reset, timed out).
    case transport(String)
    /// A watch stream ended abnormally (connection cut mid-stream).
    case watchDropped(String)
    /// The answer was not the JSON expected.
    case decoding(String)
    /// The server is not on loopback and `allowRemoteCluster` is not set.
    case remoteClusterRefused(host: String)
    /// A TLS set-up k8sfv cannot honour (a tls-server-name override).
    case unsupportedTLS(String)
    /// A kubeconfig or in-cluster configuration problem.
    case configuration(String)
    /// The ownership guard refused to touch an object this run did not create.
    case notOwned(resource: String, namespace: String?, name: String)
    /// A bounded loop ran out of attempts.
    case exhausted(String)

    public var description: String {
        switch self {
        case .api(let e): return e.description
        case .gone(let e): return "resourceVersion too old (410 \(e.reason.rawValue)): \(e.message); list again and watch from the new resourceVersion"
        case .transport(let m): return "transport error: \(m)"
        case .watchDropped(let m): return "watch connection dropped: \(m)"
        case .decoding(let m): return "unexpected response: \(m)"
        case .remoteClusterRefused(let host):
            return "refusing to talk to non-loopback API server \(host): k8sfv writes and deletes objects; set allowRemoteCluster (CLI: --allow-remote-cluster) if this cluster is disposable"
        case .unsupportedTLS(let m): return "unsupported TLS set-up: \(m)"
        case .configuration(let m): return "configuration error: \(m)"
        case .notOwned(let resource, let ns, let name):
            let where_ = ns.map { "\($0)/\(name)" } ?? name
            return "refusing to modify \(resource) \(where_): it lacks the label \(Ownership.labelKey) of this run, so k8sfv did not create it"
        case .exhausted(let m): return "gave up: \(m)"
        }
    }

    /// The server's error, for `.api` and `.gone`.
    public var apiError: KubeAPIError? {
        switch self {
        case .api(let e), .gone(let e): return e
        default: return nil
        }
    }

    public var isNotFound: Bool { apiError?.code == 404 }
    public var isAlreadyExists: Bool { apiError?.code == 409 && apiError?.reason == .alreadyExists }
    public var isConflict: Bool { apiError?.code == 409 && apiError?.reason == .conflict }
    public var isGone: Bool { if case .gone = self { return true } else { return false } }
}
