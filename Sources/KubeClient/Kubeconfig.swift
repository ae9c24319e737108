// A kubeconfig file: clusters, users, contexts and the current context, and the client
// configuration one context gives.
// Takes: the text kubectl writes (YAML subset or JSON). Gives: typed entries and
// `clientConfig(context:)`. Schema: kubernetes/website:content/en/docs/reference/config-api/kubeconfig.v1.md;
// felix-live.md §5.5. Credentials are read into `Secret`s at once. Cost: linear in the file.
import Foundation

public struct Kubeconfig: Sendable {
    public struct Cluster: Sendable {
        public var name: String
        public var server: String
        public var certificateAuthority: String?
        public var certificateAuthorityData: Data?
        public var insecureSkipTLSVerify: Bool
        public var tlsServerName: String?
    }

    public struct User: Sendable, CustomStringConvertible {
        public var name: String
        public var token: Secret?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: Data?
        public var clientKey: String?
        /// The key's PEM text (decoded from base64).
        public var clientKeyData: Secret?
        /// exec/auth-provider plugins and basic auth are not supported; recorded to explain why.
        public var unsupportedAuth: String?
        public var description: String { "User(\(name), token: \(token == nil ? "none" : "<redacted>"))" }
    }

    public struct Context: Sendable {
        public var name: String
        public var cluster: String
        public var user: String
        public var namespace: String?
    }

    public var clusters: [Cluster]
    public var users: [User]
    public var contexts: [Context]
    public var currentContext: String?
    /// Relative file paths in the kubeconfig resolve against this directory.
    public var baseDirectory: URL?

    public static func parse(_ text: String, baseDirectory: URL? = nil) throws -> Kubeconfig {
        let root = try MiniYAML.parse(text)
        func entries(_ key: String) -> [JSONValue] { root[key]?.arrayValue ?? [] }
        func base64(_ value: JSONValue?, _ what: String) throws -> Data? {
            guard let text = value?.stringValue else { return nil }
            guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespaces)) else {
                throw KubeClientError.configuration("kubeconfig \(what) is not valid base64")
            }
            return data
        }
        let clusters = try entries("clusters").map { entry -> Cluster in
            let name = entry["name"]?.stringValue ?? ""
            let c = entry["cluster"] ?? .object([:])
            guard let server = c["server"]?.stringValue else {
                throw KubeClientError.configuration("kubeconfig cluster \"\(name)\" has no server")
            }
            return Cluster(name: name, server: server, certificateAuthority: c["certificate-authority"]?.stringValue,
                           certificateAuthorityData: try base64(c["certificate-authority-data"], "certificate-authority-data of cluster \(name)"),
                           insecureSkipTLSVerify: c["insecure-skip-tls-verify"]?.boolValue ?? false,
                           tlsServerName: c["tls-server-name"]?.stringValue)
        }
        let users = try entries("users").map { entry -> User in
            let name = entry["name"]?.stringValue ?? ""
            let u = entry["user"] ?? .object([:])
            var unsupported: String?
            if u["exec"] != nil { unsupported = "an exec credential plugin" }
            else if u["auth-provider"] != nil { unsupported = "an auth-provider plugin" }
            else if u["username"] != nil || u["password"] != nil { unsupported = "basic auth (username/password)" }
            return User(name: name, token: u["token"]?.stringValue.map(Secret.init),
                        tokenFile: u["tokenFile"]?.stringValue ?? u["token-file"]?.stringValue,
                        clientCertificate: u["client-certificate"]?.stringValue,
                        clientCertificateData: try base64(u["client-certificate-data"], "client-certificate-data of user \(name)"),
                        clientKey: u["client-key"]?.stringValue,
                        clientKeyData: try base64(u["client-key-data"], "client-key-data of user \(name)").map { Secret(String(decoding: $0, as: UTF8.self)) },
                        unsupportedAuth: unsupported)
        }
        let contexts = entries("contexts").map { entry -> Context in
            let c = entry["context"] ?? .object([:])
            return Context(name: entry["name"]?.stringValue ?? "", cluster: c["cluster"]?.stringValue ?? "",
                           user: c["user"]?.stringValue ?? "", namespace: c["namespace"]?.stringValue)
        }
        return Kubeconfig(clusters: clusters, users: users, contexts: contexts,
                          currentContext: root["current-context"]?.stringValue, baseDirectory: baseDirectory)
    }

    /// Reads a kubeconfig file; relative paths inside resolve against its directory.
    public static func load(path: String) throws -> Kubeconfig {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeClientError.configuration("cannot read kubeconfig \(path)")
        }
        return try parse(String(decoding: data, as: UTF8.self), baseDirectory: url.deletingLastPathComponent())
    }

    /// The client configuration of `context` (default: current-context). Validation (loopback,
    /// TLS) happens when a `KubeClient` is made from it.
    public func clientConfig(context name: String? = nil, allowRemoteCluster: Bool = false) throws -> KubeClientConfig {
        guard let contextName = name ?? currentContext, !contextName.isEmpty else {
            throw KubeClientError.configuration("kubeconfig has no current-context; pass a context name")
        }
        guard let context = contexts.first(where: { $0.name == contextName }) else {
            throw KubeClientError.configuration("kubeconfig has no context \"\(contextName)\" (have: \(contexts.map(\.name).sorted().joined(separator: ", ")))")
        }
        guard let cluster = clusters.first(where: { $0.name == context.cluster }) else {
            throw KubeClientError.configuration("context \"\(contextName)\" names cluster \"\(context.cluster)\", which the kubeconfig does not define")
        }
        guard let server = URL(string: cluster.server) else {
            throw KubeClientError.configuration("cluster \"\(cluster.name)\" has an unparsable server URL")
        }
        let user = users.first(where: { $0.name == context.user })
        if !context.user.isEmpty && user == nil {
            throw KubeClientError.configuration("context \"\(contextName)\" names user \"\(context.user)\", which the kubeconfig does not define")
        }
        if let how = user?.unsupportedAuth {
            throw KubeClientError.configuration("user \"\(context.user)\" authenticates with \(how), which k8sfv does not support; use a user with a client certificate or a token (kind, k3s, minikube and kubeadm write those), or \(TLSSettings.proxyAdvice)")
        }
        var token = user?.token
        if token == nil, let file = user?.tokenFile {
            token = try Self.readToken(resolve(file))
        }
        let tls = TLSSettings(
            certificateAuthority: cluster.certificateAuthorityData,
            certificateAuthorityPath: cluster.certificateAuthority.map(resolve),
            insecureSkipVerify: cluster.insecureSkipTLSVerify,
            clientCertificate: user?.clientCertificateData,
            clientCertificatePath: user?.clientCertificate.map(resolve),
            clientKey: user?.clientKeyData,
            clientKeyPath: user?.clientKey.map(resolve),
            serverName: cluster.tlsServerName)
        return KubeClientConfig(server: server, bearerToken: token, tls: tls, allowRemoteCluster: allowRemoteCluster,
                                defaultNamespace: context.namespace)
    }

    private func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return baseDirectory?.appendingPathComponent(path).path ?? path
    }

    static func readToken(_ path: String) throws -> Secret {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeClientError.configuration("cannot read token file \(path)")
        }
        return Secret(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
