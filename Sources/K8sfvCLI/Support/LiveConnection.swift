// How k8sfv's live commands reach an API server: `--server URL` (a loopback stand-in or
// `kubectl proxy`, no credentials) or a kubeconfig (`--kubeconfig`, else $KUBECONFIG, else
// ~/.kube/config) with `--context`. A non-loopback server is refused unless
// `--allow-remote-cluster` is given: k8sfv creates and deletes objects. Credentials stay in
// KubeClient's `Secret` and are never printed or written to files.

import Driver
import Foundation
import KubeClient

struct LiveConnection: Codable, Hashable {
    var server: String?
    var kubeconfig: String?
    var context: String?
    var allowRemoteCluster: Bool
    /// With --server: a PEM CA file to trust, a file holding a bearer token, and whether to
    /// skip verification (a kubeconfig carries all of these itself). The token is read when
    /// connecting, never stored.
    var certificateAuthority: String? = nil
    var tokenFile: String? = nil
    var insecureSkipTLSVerify: Bool? = nil

    static let group = "Connection options"

    static let declarations: [OptionDeclaration] = [
        .text(
            "--server", "URL",
            "API server URL (http:// or https://); overrides --kubeconfig; with https, add what the server needs "
                + "(the next three options)", group: group),
        .text("--certificate-authority", "FILE", "PEM CA that signed the server's certificate (with --server)", group: group),
        .text("--token-file", "FILE", "file holding a bearer token, sent as Authorization (with --server)", group: group),
        .flag("--insecure-skip-tls-verify", "do not verify the server (with --server; throwaway clusters only)", group: group),
        .text("--kubeconfig", "FILE", "kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)", group: group),
        .text("--context", "NAME", "kubeconfig context (default: its current-context)", group: group),
        .flag(
            "--allow-remote-cluster",
            "allow a non-loopback API server (k8sfv creates and deletes objects; only this run's, but use a "
                + "disposable cluster)", group: group),
    ]

    /// Parses the connection options; nil fields fall back to `saved` (a session file).
    static func parse(_ arguments: inout Arguments, saved: LiveConnection? = nil) throws -> LiveConnection {
        let server = try arguments.option("--server")
        let kubeconfig = try arguments.option("--kubeconfig")
        let context = try arguments.option("--context")
        let allow = try arguments.flag("--allow-remote-cluster")
        let ca = try arguments.option("--certificate-authority")
        let tokenFile = try arguments.option("--token-file")
        let insecure = try arguments.flag("--insecure-skip-tls-verify")
        if server == nil && (ca != nil || tokenFile != nil || insecure) {
            throw UsageError("--certificate-authority, --token-file and --insecure-skip-tls-verify go with --server URL; a kubeconfig (--kubeconfig) carries its own")
        }
        if server == nil && kubeconfig == nil && context == nil, let saved {
            var copy = saved
            copy.allowRemoteCluster = saved.allowRemoteCluster || allow
            return copy
        }
        return LiveConnection(
            server: server, kubeconfig: kubeconfig.map(Self.absolute), context: context, allowRemoteCluster: allow,
            certificateAuthority: ca.map(Self.absolute), tokenFile: tokenFile.map(Self.absolute),
            insecureSkipTLSVerify: insecure ? true : nil)
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The kubeconfig file this connection reads, if any.
    var kubeconfigPath: String? {
        if server != nil { return nil }
        if let kubeconfig { return kubeconfig }
        let environment = ProcessInfo.processInfo.environment
        if let list = environment["KUBECONFIG"], let first = list.split(separator: ":").first { return String(first) }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.kube/config"
    }

    func client() throws -> KubeClient {
        do {
            if let server {
                guard let url = URL(string: server), url.scheme != nil else {
                    throw UsageError("option --server takes a URL such as http://127.0.0.1:8080, not '\(server)'")
                }
                var token: Secret?
                if let tokenFile {
                    guard let data = FileManager.default.contents(atPath: tokenFile) else {
                        throw InputError("cannot read --token-file \(tokenFile)")
                    }
                    token = Secret(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
                }
                if let certificateAuthority, !FileManager.default.fileExists(atPath: certificateAuthority) {
                    throw InputError("cannot read --certificate-authority \(certificateAuthority)")
                }
                let tls = TLSSettings(certificateAuthorityPath: certificateAuthority, insecureSkipVerify: insecureSkipTLSVerify ?? false)
                return try KubeClient(config: KubeClientConfig(
                    server: url, bearerToken: token, tls: tls, allowRemoteCluster: allowRemoteCluster))
            }
            guard let path = kubeconfigPath else { throw UsageError("no --server and no kubeconfig") }
            let config = try Kubeconfig.load(path: path).clientConfig(context: context, allowRemoteCluster: allowRemoteCluster)
            return try KubeClient(config: config)
        } catch let error as KubeClientError {
            throw InputError("cannot connect: \(error)")
        }
    }

    /// Where the API server is, in words (no credentials).
    var description: String {
        if let server { return server }
        return "kubeconfig \(kubeconfigPath ?? "?")" + (context.map { " (context \($0))" } ?? "")
    }
}
