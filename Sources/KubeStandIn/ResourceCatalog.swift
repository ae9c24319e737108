// The resources the stand-in serves and how request paths map onto them.
// Takes: a request path. Gives: the resource (group, version, plural, kind, scope), the
// namespace, name and subresource it names, or nil for an unknown path. Cost: O(path length).
// Paths follow /work/shared/spec/felix-live.md §5.1.

struct ResourceInfo: Hashable, Sendable {
    var group: String          // "" for the core group
    var version: String
    var plural: String
    var kind: String
    var namespaced: Bool
    /// Built-in types (not custom resources) omit kind/apiVersion on list items and may be
    /// updated without a resourceVersion.
    var builtIn: Bool

    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// A stable identifier used as the store's partition key.
    var id: String { "\(group)/\(plural)" }
    var listKind: String { kind + "List" }

    static let namespaces = ResourceInfo(group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false, builtIn: true)
    static let nodes = ResourceInfo(group: "", version: "v1", plural: "nodes", kind: "Node", namespaced: false, builtIn: true)
    static let pods = ResourceInfo(group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true, builtIn: true)
    static let serviceAccounts = ResourceInfo(group: "", version: "v1", plural: "serviceaccounts", kind: "ServiceAccount", namespaced: true, builtIn: true)
    static let networkPolicies = ResourceInfo(group: "networking.k8s.io", version: "v1", plural: "networkpolicies", kind: "NetworkPolicy", namespaced: true, builtIn: true)

    static let core: [ResourceInfo] = [.namespaces, .nodes, .pods, .serviceAccounts]

    /// Calico v1 CRDs: served generically as opaque objects. Only `networkpolicies` and
    /// `networksets` (and their staged forms) are namespaced.
    /// Source: projectcalico/calico:libcalico-go/config/crd/ (one manifest per kind).
    static let calicoGroup = "crd.projectcalico.org"
    static let calicoKinds: [String: (kind: String, namespaced: Bool)] = [
        "bgpconfigurations": ("BGPConfiguration", false),
        "bgppeers": ("BGPPeer", false),
        "blockaffinities": ("BlockAffinity", false),
        "clusterinformations": ("ClusterInformation", false),
        "felixconfigurations": ("FelixConfiguration", false),
        "globalnetworkpolicies": ("GlobalNetworkPolicy", false),
        "globalnetworksets": ("GlobalNetworkSet", false),
        "hostendpoints": ("HostEndpoint", false),
        "ipamblocks": ("IPAMBlock", false),
        "ippools": ("IPPool", false),
        "kubecontrollersconfigurations": ("KubeControllersConfiguration", false),
        "networkpolicies": ("NetworkPolicy", true),
        "networksets": ("NetworkSet", true),
        "stagedglobalnetworkpolicies": ("StagedGlobalNetworkPolicy", false),
        "stagedkubernetesnetworkpolicies": ("StagedKubernetesNetworkPolicy", true),
        "stagednetworkpolicies": ("StagedNetworkPolicy", true),
        "tiers": ("Tier", false),
    ]

    static func calico(plural: String) -> ResourceInfo? {
        guard let entry = calicoKinds[plural] else { return nil }
        return ResourceInfo(group: calicoGroup, version: "v1", plural: plural, kind: entry.kind,
                            namespaced: entry.namespaced, builtIn: false)
    }
}

/// What one request path names.
struct APIPath: Sendable {
    var resource: ResourceInfo
    /// nil for cluster-scoped resources, and for "all namespaces" collections.
    var namespace: String?
    var name: String?
    var subresource: String?

    /// Parses `/api/v1/...` and `/apis/<group>/<version>/...`; nil when the path names
    /// nothing the stand-in serves.
    static func parse(_ path: String) -> APIPath? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var rest: ArraySlice<String>
        var group = ""
        if segments.count >= 2, segments[0] == "api", segments[1] == "v1" {
            rest = segments[2...]
        } else if segments.count >= 3, segments[0] == "apis" {
            group = segments[1]
            rest = segments[3...]
            let version = segments[2]
            if group == "networking.k8s.io" && version != "v1" { return nil }
            if group == ResourceInfo.calicoGroup && version != "v1" { return nil }
        } else {
            return nil
        }
        var namespace: String?
        if rest.count >= 2, rest.first == "namespaces", rest.count >= 3 {
            namespace = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        guard let plural = rest.first else { return nil }
        rest = rest.dropFirst()
        let resource: ResourceInfo
        switch group {
        case "":
            guard let r = ResourceInfo.core.first(where: { $0.plural == plural }) else { return nil }
            resource = r
        case "networking.k8s.io":
            guard plural == "networkpolicies" else { return nil }
            resource = .networkPolicies
        case ResourceInfo.calicoGroup:
            guard let r = ResourceInfo.calico(plural: plural) else { return nil }
            resource = r
        default:
            return nil
        }
        if !resource.namespaced && namespace != nil { return nil }
        let name = rest.first
        let subresource = rest.count >= 2 ? rest[rest.startIndex + 1] : nil
        if rest.count > 2 { return nil }
        // "/api/v1/namespaces/<ns>" names the namespace object itself.
        return APIPath(resource: resource, namespace: namespace, name: name, subresource: subresource)
    }
}
