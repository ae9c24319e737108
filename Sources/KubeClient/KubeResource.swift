// Which REST collection an object lives in, and the paths of its collection, items and
// subresources. Takes: group, version, plural, kind and scope. Gives: `/api/v1/...` for the
// core group and `/apis/<group>/<version>/...` for the others (felix-live.md §5.1).
// Cost: O(path length).
import Foundation

public struct KubeResource: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var plural: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, plural: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.plural = plural
        self.kind = kind
        self.namespaced = namespaced
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var description: String { group.isEmpty ? plural : "\(plural).\(group)" }

    public static let namespaces = KubeResource(group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false)
    public static let nodes = KubeResource(group: "", version: "v1", plural: "nodes", kind: "Node", namespaced: false)
    public static let pods = KubeResource(group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true)
    public static let serviceAccounts = KubeResource(group: "", version: "v1", plural: "serviceaccounts", kind: "ServiceAccount", namespaced: true)
    public static let networkPolicies = KubeResource(group: "networking.k8s.io", version: "v1", plural: "networkpolicies", kind: "NetworkPolicy", namespaced: true)

    /// A Calico v1 CRD kind (e.g. `calico("clusterinformations", kind: "ClusterInformation")`).
    public static func calico(_ plural: String, kind: String, namespaced: Bool = false) -> KubeResource {
        KubeResource(group: "crd.projectcalico.org", version: "v1", plural: plural, kind: kind, namespaced: namespaced)
    }
    public static let clusterInformations = calico("clusterinformations", kind: "ClusterInformation")
    public static let tiers = calico("tiers", kind: "Tier")
    public static let felixConfigurations = calico("felixconfigurations", kind: "FelixConfiguration")

    private var root: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The collection; for a namespaced resource, `namespace` nil means all namespaces.
    public func collectionPath(namespace: String?) throws -> String {
        if namespaced, let namespace {
            return "\(root)/namespaces/\(try Self.segment(namespace, what: "namespace"))/\(plural)"
        }
        if !namespaced && namespace != nil {
            throw KubeClientError.configuration("\(self) is cluster-scoped: pass no namespace")
        }
        return "\(root)/\(plural)"
    }

    /// One object, or one of its subresources (e.g. "status").
    public func itemPath(namespace: String?, name: String, subresource: String? = nil) throws -> String {
        if namespaced && namespace == nil {
            throw KubeClientError.configuration("\(self) is namespaced: a namespace is required to address \(name)")
        }
        var path = try collectionPath(namespace: namespace) + "/" + Self.segment(name, what: "name")
        if let subresource { path += "/" + (try Self.segment(subresource, what: "subresource")) }
        return path
    }

    /// One path segment: never empty, never "." or "..", no "/" (which would change the path).
    static func segment(_ text: String, what: String) throws -> String {
        guard !text.isEmpty, text != ".", text != "..", !text.contains("/") else {
            throw KubeClientError.configuration("invalid \(what) \"\(text)\" in an API path")
        }
        return text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? text
    }
}
