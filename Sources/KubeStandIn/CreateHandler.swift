// POST to a collection: create one object.
// Takes: the request body. Gives: 201 and the stored object, or the error the real server
// gives: 400 (malformed, namespace mismatch), 422 (validation), 404 (missing namespace),
// 403 (ServiceAccount admission, terminating namespace), 409 AlreadyExists.
// Cost: O(object size) plus one store transaction.
import Foundation

extension APIHandler {
    func create(_ request: HTTPRequest, _ path: APIPath) -> HTTPResponse {
        let r = path.resource
        if r.namespaced && path.namespace == nil { return StatusBody.methodNotAllowed() }
        var object: JSON
        switch parseBody(request, r) {
        case .failure(let error): return error.response
        case .success(let value): object = value
        }
        let namespace = path.namespace ?? ""
        if r.namespaced {
            if let bodyNS = object.namespace, !bodyNS.isEmpty, bodyNS != namespace {
                return StatusBody.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object.setMeta("namespace", .string(namespace))
        } else {
            object.setMeta("namespace", nil)
        }
        object["kind"] = .string(r.kind)
        object["apiVersion"] = .string(r.apiVersion)
        for field in ["uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"] {
            object.setMeta(field, nil)
        }

        return store.locked { () -> HTTPResponse in
            if (object.name ?? "").isEmpty, let prefix = object["metadata"]?["generateName"]?.stringValue, !prefix.isEmpty {
                object.setMeta("name", .string(prefix + ids.nameSuffix()))
            }
            let name = object.name ?? ""
            let causes = Validation.causes(for: r, object: object)
            if !causes.isEmpty { return StatusBody.invalid(r, name: name, causes: causes) }
            if r.namespaced {
                guard let ns = store.get(.namespaces, StoreKey(namespace: "", name: namespace)) else {
                    return StatusBody.notFound(.namespaces, name: namespace)
                }
                if ns["metadata"]?["deletionTimestamp"] != nil {
                    return StatusBody.namespaceTerminating(r, name: name, namespace: namespace)
                }
            }
            let key = StoreKey(namespace: namespace, name: name)
            if let existing = store.get(r, key) {
                return StatusBody.alreadyExists(r, name: name, beingDeleted: existing["metadata"]?["deletionTimestamp"] != nil)
            }
            if r == .pods && options.serviceAccountAdmission {
                let sa = object["spec"]?["serviceAccountName"]?.stringValue ?? "default"
                if store.get(.serviceAccounts, StoreKey(namespace: namespace, name: sa)) == nil {
                    return StatusBody.forbidden(r, name: name, message: "pods \"\(name)\" is forbidden: error looking up service account \(namespace)/\(sa): serviceaccount \"\(sa)\" not found")
                }
            }
            ObjectDefaults.applyOnCreate(r, &object, serviceAccountAdmission: options.serviceAccountAdmission,
                                         volumeSuffix: String(ids.nameSuffix().prefix(5)))
            object.setMeta("uid", .string(ids.uid()))
            object.setMeta("creationTimestamp", .string(Self.timestamp()))
            let stored = store.commit(r.id, key, object, type: .added)
            if r == .namespaces && options.emulateControllerManager {
                createDefaultServiceAccount(namespace: name)
            }
            return .json(201, stored)
        }
    }

    /// What the ServiceAccount controller does for a new namespace. Store lock held.
    private func createDefaultServiceAccount(namespace: String) {
        let key = StoreKey(namespace: namespace, name: "default")
        guard store.get(.serviceAccounts, key) == nil else { return }
        let sa: JSON = [
            "kind": "ServiceAccount", "apiVersion": "v1",
            "metadata": ["name": "default", "namespace": .string(namespace), "uid": .string(ids.uid()),
                         "creationTimestamp": .string(Self.timestamp())],
        ]
        store.commit(ResourceInfo.serviceAccounts.id, key, sa, type: .added)
    }
}
