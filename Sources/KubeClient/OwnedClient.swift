// A KubeClient wrapper through which nothing unowned can be changed.
// Takes: a client and an Ownership. Gives: create (stamps the run label), and replace,
// replaceStatus, mergePatch and delete that first read the live object and refuse with
// `.notOwned` unless it carries the label. The read's resourceVersion (or uid, for delete) is
// sent as a precondition, so an object relabelled between the check and the write makes the
// write fail with 409 instead of touching it. Reads pass through. Cost: one extra GET per write.

public struct OwnedClient: Sendable {
    public let client: KubeClient
    public let ownership: Ownership

    public init(client: KubeClient, ownership: Ownership) {
        self.client = client
        self.ownership = ownership
    }

    public func create(_ resource: KubeResource, _ object: JSONValue, namespace: String? = nil) async throws -> JSONValue {
        try await client.create(resource, ownership.stamp(object), namespace: namespace)
    }

    public func get(_ resource: KubeResource, namespace: String? = nil, name: String) async throws -> JSONValue {
        try await client.get(resource, namespace: namespace, name: name)
    }

    /// Lists only this run's objects.
    public func listOwned(_ resource: KubeResource, namespace: String? = nil) async throws -> ObjectList {
        try await client.listAll(resource, namespace: namespace, labelSelector: ownership.labelSelector)
    }

    private func ownedLive(_ resource: KubeResource, namespace: String?, name: String) async throws -> JSONValue {
        let live = try await client.get(resource, namespace: namespace, name: name)
        try ownership.requireOwned(live, resource: resource)
        return live
    }

    private func target(_ resource: KubeResource, _ object: JSONValue, _ namespace: String?) throws -> (String?, String) {
        guard let name = object.metadataName else { throw KubeClientError.configuration("object has no metadata.name") }
        return (resource.namespaced ? (namespace ?? object.metadataNamespace) : nil, name)
    }

    /// PUT; the new object keeps the run label, and is conditional on the checked version.
    public func replace(_ resource: KubeResource, _ object: JSONValue, namespace: String? = nil) async throws -> JSONValue {
        let (ns, name) = try target(resource, object, namespace)
        let live = try await ownedLive(resource, namespace: ns, name: name)
        var next = ownership.stamp(object)
        if next.resourceVersion == nil { next = next.settingResourceVersion(live.resourceVersion) }
        return try await client.replace(resource, next, namespace: ns)
    }

    public func replaceStatus(_ resource: KubeResource, _ object: JSONValue, namespace: String? = nil) async throws -> JSONValue {
        let (ns, name) = try target(resource, object, namespace)
        let live = try await ownedLive(resource, namespace: ns, name: name)
        var next = object
        if next.resourceVersion == nil { next = next.settingResourceVersion(live.resourceVersion) }
        return try await client.replaceStatus(resource, next, namespace: ns)
    }

    /// Merge patch; a patch that would remove or change the run label is refused.
    public func mergePatch(_ resource: KubeResource, namespace: String? = nil, name: String, _ patch: JSONValue,
                           subresource: String? = nil) async throws -> JSONValue {
        if let labels = patch["metadata"]?["labels"] {
            if case .null = labels { throw KubeClientError.notOwned(resource: resource.description, namespace: namespace, name: name) }
            if let value = labels[Ownership.labelKey], value != .string(ownership.runID) {
                throw KubeClientError.configuration("a patch may not change the ownership label \(Ownership.labelKey)")
            }
        }
        let live = try await ownedLive(resource, namespace: namespace, name: name)
        var conditional = patch
        if patch["metadata"]?["resourceVersion"] == nil {
            var meta = conditional["metadata"] ?? .object([:])
            meta["resourceVersion"] = live.resourceVersion.map { .string($0) }
            conditional["metadata"] = meta
        }
        return try await client.mergePatch(resource, namespace: namespace, name: name, conditional, subresource: subresource)
    }

    @discardableResult
    public func delete(_ resource: KubeResource, namespace: String? = nil, name: String, gracePeriodSeconds: Int? = 0) async throws -> JSONValue {
        let live = try await ownedLive(resource, namespace: namespace, name: name)
        return try await client.delete(resource, namespace: namespace, name: name, gracePeriodSeconds: gracePeriodSeconds,
                                       preconditions: DeletePreconditions(uid: live.uid))
    }
}
