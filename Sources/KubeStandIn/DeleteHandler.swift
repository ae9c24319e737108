// DELETE of one object, with `gracePeriodSeconds` and DeleteOptions preconditions.
// Takes: the query and an optional DeleteOptions body. Gives what the real server gives:
// pods → the pod (graceful: only marked; immediate: MODIFIED then DELETED, transcripts 32/33/43);
// namespaces → the namespace in `Terminating` (transcript 57), then emptied and removed when
// the controller-manager is emulated; everything else → a Success Status (transcripts 55/56).
// 409 Conflict when a precondition fails, 404 when absent. Cost: one store transaction
// (namespace deletion: linear in the namespace's contents).
import Foundation

extension APIHandler {
    func delete(_ request: HTTPRequest, _ path: APIPath, name: String) -> HTTPResponse {
        let r = path.resource
        var options: JSON = .object([:])
        if !request.body.isEmpty {
            guard let parsed = try? JSON.parse(request.body), case .object = parsed else {
                return StatusBody.badRequest("the body of the request was in an unknown format: DeleteOptions expected")
            }
            options = parsed
        }
        var grace = options["gracePeriodSeconds"]?.intValue
        if let text = request.queryValue("gracePeriodSeconds") {
            guard let value = Int64(text) else { return StatusBody.badRequest("invalid gracePeriodSeconds: \(text)") }
            grace = value
        }
        let key = StoreKey(namespace: path.namespace ?? "", name: name)
        return store.locked {
            guard let existing = store.get(r, key) else { return StatusBody.notFound(r, name: name) }
            if let uid = options["preconditions"]?["uid"]?.stringValue, uid != existing.uid {
                return StatusBody.conflict(r, name: name, detail: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(existing.uid ?? "")")
            }
            if let rv = options["preconditions"]?["resourceVersion"]?.stringValue, rv != existing.resourceVersion {
                return StatusBody.conflict(r, name: name, detail: "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(existing.resourceVersion ?? "")")
            }
            if r == .pods { return deletePod(key: key, existing: existing, grace: grace) }
            if r == .namespaces { return deleteNamespace(key: key, existing: existing) }
            store.commit(r.id, key, existing, type: .deleted)
            return StatusBody.deleted(r, name: name, uid: existing.uid)
        }
    }

    /// Store lock held.
    private func deletePod(key: StoreKey, existing: JSON, grace requested: Int64?) -> HTTPResponse {
        let r = ResourceInfo.pods
        let alreadyMarked = existing["metadata"]?["deletionTimestamp"] != nil
        if let grace = PodRules.gracePeriod(pod: existing, requested: requested) {
            if alreadyMarked { return .json(200, existing) }
            var marked = existing
            marked.setMeta("deletionTimestamp", .string(Self.timestamp(Date().addingTimeInterval(Double(grace)))))
            marked.setMeta("deletionGracePeriodSeconds", .int(grace))
            return .json(200, store.commit(r.id, key, marked, type: .modified))
        }
        var marked = existing
        marked.setMeta("deletionTimestamp", .string(Self.timestamp()))
        marked.setMeta("deletionGracePeriodSeconds", 0)
        let final = store.commit(r.id, key, marked, type: .modified)
        store.commit(r.id, key, final, type: .deleted)
        return .json(200, final)
    }

    /// Store lock held.
    private func deleteNamespace(key: StoreKey, existing: JSON) -> HTTPResponse {
        let r = ResourceInfo.namespaces
        var terminating = existing
        if existing["metadata"]?["deletionTimestamp"] == nil {
            terminating.setMeta("deletionTimestamp", .string(Self.timestamp()))
            terminating["status"] = ["phase": "Terminating"]
            terminating = store.commit(r.id, key, terminating, type: .modified)
        }
        guard options.emulateControllerManager else { return .json(200, terminating) }
        let delay = options.namespaceDeletionDelaySeconds
        if delay <= 0 {
            finishNamespaceDeletion(key: key, uid: terminating.uid)
        } else {
            // The namespace controller's work, later and outside this request.
            let uid = terminating.uid
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
                store.locked { finishNamespaceDeletion(key: key, uid: uid) }
            }
        }
        return .json(200, terminating)
    }

    /// Empties a Terminating namespace and removes it (unless it is gone or was re-created
    /// meanwhile: another uid). Store lock held.
    private func finishNamespaceDeletion(key: StoreKey, uid: String?) {
        let r = ResourceInfo.namespaces
        guard let current = store.get(r, key), current.uid == uid else { return }
        for (rid, child) in store.keysInNamespace(key.name) {
            let resource = ResourceInfo.core.first(where: { $0.id == rid })
                ?? (rid == ResourceInfo.networkPolicies.id ? ResourceInfo.networkPolicies : nil)
                ?? ResourceInfo.calico(plural: String(rid.split(separator: "/").last ?? ""))
            guard let resource, let object = store.get(resource, child) else { continue }
            store.commit(rid, child, object, type: .deleted)
        }
        store.commit(r.id, key, current, type: .deleted)
    }
}
