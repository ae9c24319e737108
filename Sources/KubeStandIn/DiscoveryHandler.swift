// What kubectl reads before it makes a request: API discovery and the OpenAPI v3 documents.
// Takes: a GET of one of the paths below. Gives: the documents a real kube-apiserver serves
// for the resources the stand-in has, or nil for any other path. Cost: O(resources).
//
// Served (docs/live.md "The stand-in"):
// - `/api` (APIVersions), `/apis` (APIGroupList), `/api/v1`, `/apis/networking.k8s.io/v1`,
//   `/apis/crd.projectcalico.org/v1` (APIResourceList), `/apis/<group>` (APIGroup): the legacy
//   discovery every kubectl understands. kubectl ≥ 1.26 asks for aggregated discovery first
//   (an Accept header naming `apidiscovery.k8s.io`); a server that answers plain
//   `application/json` gets the legacy walk (k8s.io/client-go/discovery).
// - `/openapi/v3` (the index) and `/openapi/v3/<api path>`: one PATCH operation per kind,
//   tagged with its group-version-kind and a `fieldValidation` query parameter. That is all
//   kubectl's `--validate` (default `strict`) looks at (k8s.io/cli-runtime
//   pkg/resource/query_param_verifier_v3.go): it then leaves validation to the server and sends
//   `fieldValidation=Strict`. The stand-in validates what it validates (Validation.swift) and
//   does not reject unknown fields; k8sfv only sends fields it knows.
// Not served: `/openapi/v2` (kubectl falls back to it only when v3 is missing), schemas.

import Foundation

enum Discovery {
    /// One resource as discovery lists it.
    private struct Listed {
        var name: String
        var singular: String
        var kind: String
        var namespaced: Bool
        var verbs: [String]
        var shortNames: [String]
    }

    private static let objectVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"]
    private static let statusVerbs = ["get", "patch", "update"]

    private static func listed(_ r: ResourceInfo) -> [Listed] {
        let short: [String: [String]] = [
            "namespaces": ["ns"], "nodes": ["no"], "pods": ["po"], "serviceaccounts": ["sa"], "networkpolicies": ["netpol"],
        ]
        var out = [Listed(name: r.plural, singular: r.kind.lowercased(), kind: r.kind, namespaced: r.namespaced,
                          verbs: objectVerbs, shortNames: short[r.plural] ?? [])]
        if [ResourceInfo.namespaces, .nodes, .pods].contains(r) {
            out.append(Listed(name: r.plural + "/status", singular: "", kind: r.kind, namespaced: r.namespaced,
                              verbs: statusVerbs, shortNames: []))
        }
        return out
    }

    /// The resources of one group version; nil for a group version the stand-in does not have.
    private static func resources(group: String, version: String) -> [ResourceInfo]? {
        guard version == "v1" else { return nil }
        switch group {
        case "": return ResourceInfo.core
        case ResourceInfo.networkPolicies.group: return [.networkPolicies]
        case ResourceInfo.calicoGroup: return ResourceInfo.calicoKinds.keys.sorted().compactMap { ResourceInfo.calico(plural: $0) }
        default: return nil
        }
    }

    private static let groups = [ResourceInfo.networkPolicies.group, ResourceInfo.calicoGroup]

    private static func groupJSON(_ name: String) -> JSON {
        let version: JSON = ["groupVersion": .string("\(name)/v1"), "version": "v1"]
        return ["name": .string(name), "versions": [version], "preferredVersion": version]
    }

    /// The answer to a GET of `path`, or nil when `path` is not a discovery or OpenAPI path.
    static func respond(path: String) -> HTTPResponse? {
        let segments = path.split(separator: "/").map(String.init)
        switch segments.count {
        case 1 where segments[0] == "api":
            return .json(200, ["kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []])
        case 1 where segments[0] == "apis":
            return .json(200, ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups.map(groupJSON))])
        case 2 where segments[0] == "api" && segments[1] == "v1":
            return resourceList(group: "", version: "v1")
        case 2 where segments[0] == "apis" && groups.contains(segments[1]):
            var body = groupJSON(segments[1])
            body["kind"] = "APIGroup"
            body["apiVersion"] = "v1"
            return .json(200, body)
        case 3 where segments[0] == "apis" && groups.contains(segments[1]):
            return resourceList(group: segments[1], version: segments[2])
        case 2 where segments == ["openapi", "v3"]:
            var paths: [String: JSON] = ["api/v1": ["serverRelativeURL": "/openapi/v3/api/v1"]]
            for group in groups { paths["apis/\(group)/v1"] = ["serverRelativeURL": .string("/openapi/v3/apis/\(group)/v1")] }
            return .json(200, ["paths": .object(paths)])
        case 4 where segments[0] == "openapi" && segments[1] == "v3" && segments[2] == "api":
            return openAPI(group: "", version: segments[3])
        case 5 where segments[0] == "openapi" && segments[1] == "v3" && segments[2] == "apis":
            return openAPI(group: segments[3], version: segments[4])
        default:
            return nil
        }
    }

    private static func resourceList(group: String, version: String) -> HTTPResponse? {
        guard let resources = resources(group: group, version: version) else { return nil }
        let items: [JSON] = resources.flatMap(listed).map { entry in
            [
                "name": .string(entry.name), "singularName": .string(entry.singular), "namespaced": .bool(entry.namespaced),
                "kind": .string(entry.kind), "verbs": .array(entry.verbs.map { .string($0) }),
                "shortNames": .array(entry.shortNames.map { .string($0) }),
            ]
        }
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        return .json(200, ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(items)])
    }

    /// An OpenAPI 3 document with, per kind, the item path's PATCH operation: its
    /// group-version-kind and the `fieldValidation` parameter.
    private static func openAPI(group: String, version: String) -> HTTPResponse? {
        guard let resources = resources(group: group, version: version) else { return nil }
        var paths: [String: JSON] = [:]
        for r in resources {
            let prefix = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
            let path = r.namespaced ? "\(prefix)/namespaces/{namespace}/\(r.plural)/{name}" : "\(prefix)/\(r.plural)/{name}"
            let parameter: JSON = ["name": "fieldValidation", "in": "query", "schema": ["type": "string"], "uniqueItems": true]
            let operation: JSON = [
                "x-kubernetes-group-version-kind": ["group": .string(group), "version": .string(version), "kind": .string(r.kind)],
                "x-kubernetes-action": "patch",
                "parameters": [parameter],
                "responses": ["200": ["description": "OK"]],
            ]
            paths[path] = ["patch": operation]
        }
        return .json(200, [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes (k8sfv stand-in)", "version": .string(APIHandler.versionBody["gitVersion"]?.stringValue ?? "")],
            "paths": .object(paths),
        ])
    }
}
