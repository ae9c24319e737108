// Applies `CalicoWrite`s (Calico NetworkPolicy, GlobalNetworkPolicy, NetworkSet,
// GlobalNetworkSet, Tier) to a live API server as `crd.projectcalico.org/v1` objects, the form
// Felix reads in the Kubernetes datastore (felix-live.md §3.1–3.2, §5.1; docs/calico-resources.md).
// Takes: writes already in live form (namespaces as the cluster names them) and the writer's
// OwnedClient. Gives: the server holding exactly the written resources, each stamped with the
// run's ownership label, so the tool only ever changes or deletes what it created: an existing
// object without the label is refused before any change (`KubeClientError.notOwned`).
// Cost: one to three requests per write.
//
// - put of a new resource: create (POST, apiVersion forced to `crd.projectcalico.org/v1`: a
//   resource read from a `projectcalico.org/v3` file is the same JSON, and a CRD refuses any
//   other apiVersion).
// - put of an existing one: PUT with the resourceVersion just read (OwnedClient makes it
//   conditional), keeping the rewrite counter; a put that changes nothing makes the same
//   irrelevant change Kubernetes writes do (the `rewriteAnnotation`), so Felix still receives
//   an update to digest.
// - delete: already gone counts as done.
//
// Names: the CRD object is named as the resource is. Felix releases differ here: up to v3.31,
// libcalico-go's v3 client stored a policy of tier `T` under the name `T.<name>`, and the KDD
// back end read the tier back from that prefix (`parseLegacyPolicyName`,
// `libcalico-go/lib/backend/model/policy.go`); projectcalico/calico#11232 (Dec 2025) removed the
// prefix naming (felix-semantics.md, "Identity" under NetworkPolicy, [legacy ≤ v3.31]). This
// writer writes straight to the CRD and adds no prefix: a caller targeting an older Felix with a
// policy outside tier `default` must name it `<tier>.<name>` itself. Felix v3.25 open source has
// no Tier resource at all (issue 16); writing one there is harmless, nothing reads it.

import Calico
import Driver
import Foundation
import KubeClient

extension LiveClusterWriter {
    /// The CRD collection a Calico kind lives in (crd.projectcalico.org/v1, as the stand-in's
    /// ResourceCatalog and Calico's `libcalico-go/config/crd/` manifests name them).
    static func resource(forCalicoKind kind: String) -> KubeResource? {
        switch kind {
        case "NetworkPolicy": return .calico("networkpolicies", kind: kind, namespaced: true)
        case "GlobalNetworkPolicy": return .calico("globalnetworkpolicies", kind: kind)
        case "NetworkSet": return .calico("networksets", kind: kind, namespaced: true)
        case "GlobalNetworkSet": return .calico("globalnetworksets", kind: kind)
        case "Tier": return .tiers
        default: return nil
        }
    }

    func apply(_ write: CalicoWrite) throws {
        let key = write.key
        guard let resource = Self.resource(forCalicoKind: key.kind) else {
            throw TargetError("Calico kind \(key.kind) has no CRD this writer knows (expected one of \(V3Resource.kinds.joined(separator: ", ")))")
        }
        let namespace = resource.namespaced ? key.namespace : nil
        switch write {
        case .put(let object):
            let body = client.ownership.stamp(try Self.crdJSON(object))
            try putCalico(body, resource: resource, namespace: namespace, name: key.name)
        case .delete:
            _ = try retrying("delete \(key.kind) \(Self.describe(namespace, key.name))") { () -> Bool in
                do {
                    _ = try self.call { try await self.client.delete(resource, namespace: namespace, name: key.name, gracePeriodSeconds: 0) }
                } catch let error as KubeClientError where error.isNotFound {
                    // Already gone (a retried delete, or its namespace took it along).
                }
                return true
            }
        }
    }

    private func putCalico(_ body: JSONValue, resource: KubeResource, namespace: String?, name: String) throws {
        _ = try retrying("create or update \(resource.kind) \(Self.describe(namespace, name))") { () -> JSONValue in
            do {
                return try self.call { try await self.client.create(resource, body, namespace: namespace) }
            } catch let error as KubeClientError where error.isAlreadyExists {
                let live = try self.call { try await self.client.get(resource, namespace: namespace, name: name) }
                try self.client.ownership.requireOwned(live, resource: resource)
                if Self.sameContent(live, body, exactSpec: true) {
                    return try self.rewrite(live, resource: resource)
                }
                var next = body
                next["metadata"]?["annotations"] = Self.keepingRewrite(body["metadata"]?["annotations"], from: live)
                let replacement = next
                return try self.call { try await self.client.replace(resource, replacement, namespace: namespace) }
            }
        }
    }

    /// The resource as a CRD object: apiVersion `crd.projectcalico.org/v1`, and none of the
    /// fields the server owns (a resource read from a List may carry them).
    static func crdJSON(_ resource: V3Resource) throws -> JSONValue {
        var json = try JSONValue.parse(try KubeJSON.encode(resource))
        json["apiVersion"] = .string(V3APIVersion.crd)
        for field in ["resourceVersion", "uid", "creationTimestamp", "generation", "deletionTimestamp", "managedFields"] {
            json["metadata"]?[field] = nil
        }
        if resource.key.namespace.isEmpty || !(resource.kind == "NetworkPolicy" || resource.kind == "NetworkSet") {
            json["metadata"]?["namespace"] = nil
        } else {
            json["metadata"]?["namespace"] = .string(resource.key.namespace)
        }
        return json
    }

    private static func describe(_ namespace: String?, _ name: String) -> String {
        namespace.map { "\($0)/\(name)" } ?? name
    }
}
