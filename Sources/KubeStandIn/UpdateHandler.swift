// PUT and merge-PATCH of an object or its `status` subresource, with optimistic concurrency.
// Takes: the new object (PUT) or a merge patch. Gives: 200 and the stored object, or 400 (name
// mismatch, malformed), 404, 409 Conflict (stale resourceVersion, transcripts 14/15), 415
// (other patch types), 422 (validation, pod spec immutability).
// Rules: the main resource cannot change status and the status subresource changes nothing
// but status (kubernetes/kubernetes:pkg/registry/core/pod/strategy.go PrepareForUpdate);
// an update that changes nothing is a no-op with no new resourceVersion.
// Cost: O(object size) plus one store transaction.
import Foundation

extension APIHandler {
    /// Resources whose `status` is written only through the status subresource.
    private func hasStatusSubresource(_ r: ResourceInfo) -> Bool { r.builtIn && r != .serviceAccounts && r != .networkPolicies }

    func update(_ request: HTTPRequest, _ path: APIPath, name: String) -> HTTPResponse {
        let r = path.resource
        var object: JSON
        switch parseBody(request, r) {
        case .failure(let error): return error.response
        case .success(let value): object = value
        }
        if let bodyName = object.name, !bodyName.isEmpty, bodyName != name {
            return StatusBody.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        if r.namespaced, let bodyNS = object.namespace, !bodyNS.isEmpty, bodyNS != path.namespace {
            return StatusBody.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        let key = StoreKey(namespace: path.namespace ?? "", name: name)
        return store.locked {
            guard let existing = store.get(r, key) else { return StatusBody.notFound(r, name: name) }
            let sentRV = object.resourceVersion ?? ""
            if sentRV.isEmpty && !r.builtIn {
                return StatusBody.invalid(r, name: name, causes: [StatusCause(reason: "FieldValueInvalid", message: "Invalid value: 0x0: must be specified for an update", field: "metadata.resourceVersion")])
            }
            return applyUpdate(r, key: key, existing: existing, proposed: object, status: path.subresource == "status")
        }
    }

    func patch(_ request: HTTPRequest, _ path: APIPath, name: String) -> HTTPResponse {
        let r = path.resource
        let contentType = (request.header("content-type") ?? "").split(separator: ";").first.map(String.init) ?? ""
        guard contentType.trimmingCharacters(in: .whitespaces) == "application/merge-patch+json" else {
            return StatusBody.unsupportedMediaType(contentType)
        }
        guard let patch = try? JSON.parse(request.body), case .object = patch else {
            return StatusBody.badRequest("error decoding patch: invalid JSON object")
        }
        let key = StoreKey(namespace: path.namespace ?? "", name: name)
        return store.locked {
            guard let existing = store.get(r, key) else { return StatusBody.notFound(r, name: name) }
            let proposed = existing.mergePatched(with: patch)
            if let bodyName = proposed.name, bodyName != name {
                return StatusBody.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
            }
            return applyUpdate(r, key: key, existing: existing, proposed: proposed, status: path.subresource == "status")
        }
    }

    /// Common tail of PUT and PATCH; store lock held.
    private func applyUpdate(_ r: ResourceInfo, key: StoreKey, existing: JSON, proposed: JSON, status: Bool) -> HTTPResponse {
        let name = key.name
        if let sentRV = proposed.resourceVersion, !sentRV.isEmpty, sentRV != existing.resourceVersion {
            return StatusBody.conflict(r, name: name)
        }
        if let sentUID = proposed.uid, !sentUID.isEmpty, sentUID != existing.uid {
            return StatusBody.conflict(r, name: name, detail: "Precondition failed: UID in precondition: \(sentUID), UID in object meta: \(existing.uid ?? "")")
        }
        var next: JSON
        if status {
            next = existing
            next["status"] = r == .pods ? ObjectDefaults.normalisedPodStatus(proposed["status"]) : proposed["status"]
        } else {
            next = proposed
            next["kind"] = .string(r.kind)
            next["apiVersion"] = .string(r.apiVersion)
            var meta = proposed.metadata
            for field in ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
                          "deletionGracePeriodSeconds", "generateName", "generation"] {
                meta[field] = existing["metadata"]?[field]
            }
            next["metadata"] = meta
            if hasStatusSubresource(r) { next["status"] = existing["status"] }
            if r == .pods { next["spec"] = ObjectDefaults.podSpecDefaults(next["spec"] ?? .object([:])) }
            if r == .pods, let forbidden = PodRules.specChangeError(old: existing, new: next) {
                return StatusBody.invalid(r, name: name, causes: [forbidden])
            }
            if r == .networkPolicies { next["spec"] = ObjectDefaults.defaultedPolicySpec(next["spec"] ?? .object([:])) }
            if r == .namespaces { next["spec"] = existing["spec"]; next.setMeta("labels", namespaceLabels(next)) }
        }
        let causes = Validation.causes(for: r, object: next)
        if !causes.isEmpty { return StatusBody.invalid(r, name: name, causes: causes) }
        next.setMeta("resourceVersion", existing["metadata"]?["resourceVersion"])
        if next == existing { return .json(200, existing) }
        if existing["spec"] != next["spec"], let generation = existing["metadata"]?["generation"]?.intValue {
            next.setMeta("generation", .int(generation + 1))
        }
        return .json(200, store.commit(r.id, key, next, type: .modified))
    }

    /// The `kubernetes.io/metadata.name` label always matches the namespace's name.
    private func namespaceLabels(_ object: JSON) -> JSON {
        var labels = object["metadata"]?["labels"]?.objectValue ?? [:]
        labels["kubernetes.io/metadata.name"] = .string(object.name ?? "")
        return .object(labels)
    }
}
