// The in-cluster service-account convention: KUBERNETES_SERVICE_HOST/PORT plus the token, CA
// and namespace mounted at /var/run/secrets/kubernetes.io/serviceaccount/.
// Takes: the environment and the mount directory. Gives: a KubeClientConfig. Note that the
// service host is not loopback and the CA is custom, so `KubeClient` refuses this config unless
// `allowRemoteCluster` is set and the CA is in the system trust store (see TLSSettings).
// Source: kubernetes/website:content/en/docs/tasks/run-application/access-api-from-pod.md.
import Foundation

public enum InClusterConfig {
    public static let defaultMount = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Whether the process looks like it runs in a pod.
    public static func isAvailable(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        environment["KUBERNETES_SERVICE_HOST"] != nil && environment["KUBERNETES_SERVICE_PORT"] != nil
    }

    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            mount: String = defaultMount, allowRemoteCluster: Bool = false) throws -> KubeClientConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT_HTTPS"] ?? environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw KubeClientError.configuration("not running in a pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are unset")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        guard let url = URL(string: "https://\(hostPart):\(port)") else {
            throw KubeClientError.configuration("KUBERNETES_SERVICE_HOST/PORT do not form a URL")
        }
        let token = try Kubeconfig.readToken(mount + "/token")
        let caPath = mount + "/ca.crt"
        let namespace = FileManager.default.contents(atPath: mount + "/namespace")
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        return KubeClientConfig(server: url, bearerToken: token,
                                tls: TLSSettings(certificateAuthorityPath: FileManager.default.fileExists(atPath: caPath) ? caPath : nil),
                                allowRemoteCluster: allowRemoteCluster, defaultNamespace: namespace)
    }
}
