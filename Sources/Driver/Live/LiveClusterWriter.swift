// Applies Kubernetes writes to a live API server, as an operator without a kubelet would.
// Takes: writes already in live form (LiveNaming) and an OwnedClient. Gives: the server holding
// exactly what the writes describe. Cost: one to four requests per write (plus the ownership
// guard's GET before each update or delete).
//
// - put: create; if it exists, replace it (the guard refuses objects without this run's label);
//   a pod whose spec cannot change in place (e.g. `spec.nodeName`, felix-live.md §5.6) is
//   deleted and created again. A pod's IP and phase go through the `status` subresource
//   (the API server drops status on create and on main-resource updates, §5.7), written only
//   when they differ from what the server holds, so an unchanged rewrite stays unchanged.
// - delete: with gracePeriodSeconds=0 (§5.7); already gone counts as done.
// - Conflicts (stale resourceVersion) re-read and retry; a create that failed with a server
//   error is retried as create-or-replace, so a request applied before its answer was lost is
//   never applied twice.
// - The namespace's `default` ServiceAccount (and any other a pod names) is created when
//   missing: without a controller-manager, ServiceAccount admission would refuse pods (§5.8).

import Calico
import Foundation
import KubeClient

final class LiveClusterWriter: @unchecked Sendable {
    // Only used from the target's thread; the @unchecked is for capture in blocking tasks.
    let client: OwnedClient
    let maxAttempts: Int
    private var ensuredServiceAccounts: Set<String> = []

    init(client: OwnedClient, maxAttempts: Int = 12) {
        self.client = client
        self.maxAttempts = maxAttempts
    }

    static func resource(for kind: ObjectKind) -> KubeResource {
        switch kind {
        case .namespace: return .namespaces
        case .node: return .nodes
        case .pod: return .pods
        case .networkPolicy: return .networkPolicies
        }
    }

    func apply(_ write: Write) throws {
        switch write {
        case .put(let object): try put(object)
        case .delete(let ref): try delete(ref)
        }
    }

    // MARK: - Put

    private func put(_ object: KubeObject) throws {
        let resource = Self.resource(for: object.kind)
        var body = try Self.json(object)
        if case .pod(let pod) = object {
            try ensureServiceAccount(namespace: pod.namespace, name: pod.spec.serviceAccountName ?? "default")
            body["status"] = nil
        }
        let json = body
        let namespace = object.metadata.namespace
        let current = try retrying("create or replace \(object.ref)") { () -> JSONValue in
            do {
                return try self.call { try await self.client.create(resource, json, namespace: namespace) }
            } catch let error as KubeClientError where error.isAlreadyExists {
                return try self.replace(object, json: json, resource: resource)
            }
        }
        if case .namespace(let ns) = object {
            try ensureServiceAccount(namespace: ns.name, name: "default")
        }
        if case .pod(let pod) = object {
            try writeStatus(of: pod, current: current)
        }
    }

    /// Replaces an existing object; a pod whose spec change the server forbids is re-created.
    private func replace(_ object: KubeObject, json: JSONValue, resource: KubeResource) throws -> JSONValue {
        let namespace = object.metadata.namespace
        let name = object.metadata.name
        let live = try call { try await self.client.get(resource, namespace: namespace, name: name) }
        if Self.sameContent(live, json, exactSpec: object.kind != .pod) { return live }
        do {
            return try call { try await self.client.replace(resource, json, namespace: namespace) }
        } catch let error as KubeClientError where object.kind == .pod && error.apiError?.code == 422 {
            _ = try call { try await self.client.delete(resource, namespace: namespace, name: name, gracePeriodSeconds: 0) }
            return try call { try await self.client.create(resource, json, namespace: namespace) }
        }
    }

    /// Labels, annotations and spec as written equal what the server holds. A pod's spec only
    /// has to be covered (the server adds defaults inside it: restartPolicy, dnsPolicy, …);
    /// any other spec must be equal, since a field the new version leaves out (a NetworkPolicy
    /// without `ingress`, an empty podSelector) is a change the server must see. The runner
    /// already hands over objects with the API server's NetworkPolicy defaults applied.
    static func sameContent(_ live: JSONValue, _ desired: JSONValue, exactSpec: Bool = false) -> Bool {
        func labels(_ v: JSONValue) -> JSONValue? { v["metadata"]?["labels"] }
        func annotations(_ v: JSONValue) -> JSONValue? { v["metadata"]?["annotations"] }
        guard labels(live) == labels(desired), annotations(live) ?? [:] == annotations(desired) ?? [:] else { return false }
        if exactSpec { return live["spec"] == desired["spec"] }
        return covers(live["spec"], desired["spec"])
    }

    /// Every field `desired` sets has the same value in `live`.
    private static func covers(_ live: JSONValue?, _ desired: JSONValue?) -> Bool {
        guard let desired else { return true }
        switch (live, desired) {
        case (.object(let l)?, .object(let d)):
            return d.allSatisfy { key, value in covers(l[key], value) }
        case (.array(let l)?, .array(let d)):
            return l.count == d.count && zip(l, d).allSatisfy { covers($0, $1) }
        default:
            return live == desired
        }
    }

    private func writeStatus(of pod: Pod, current: JSONValue) throws {
        let desired = Self.statusKey(pod.status)
        let held = Self.statusKey((try? current.decode(Pod.self))?.status)
        guard desired != held else { return }
        var status = pod.status ?? PodStatus()
        if status.phase == nil { status.phase = "Pending" }
        let statusJSON = try JSONValue.from(status)
        _ = try retrying("write status of \(pod.key)") { () -> JSONValue in
            var held = try self.call { try await self.client.get(.pods, namespace: pod.namespace, name: pod.name) }
            held["status"] = statusJSON
            let object = held
            return try self.call { try await self.client.replaceStatus(.pods, object, namespace: pod.namespace) }
        }
    }

    /// What of a pod's status Felix reads: its IPs and its phase.
    static func statusKey(_ status: PodStatus?) -> [String] {
        let ips = status?.podIPs?.map(\.ip) ?? status?.podIP.map { [$0] } ?? []
        return [status?.phase ?? "Pending"] + ips
    }

    // MARK: - Delete

    private func delete(_ ref: ObjectRef) throws {
        let resource = Self.resource(for: ref.kind)
        _ = try retrying("delete \(ref)") { () -> Bool in
            do {
                _ = try self.call { try await self.client.delete(resource, namespace: ref.namespace, name: ref.name, gracePeriodSeconds: 0) }
            } catch let error as KubeClientError where error.isNotFound {
                // Already gone (a retried delete, or the namespace took it along).
            }
            return true
        }
    }

    // MARK: - ServiceAccounts

    private func ensureServiceAccount(namespace: String, name: String) throws {
        let key = namespace + "/" + name
        guard !ensuredServiceAccounts.contains(key) else { return }
        let account: JSONValue = [
            "apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
        ]
        _ = try retrying("create ServiceAccount \(key)") { () -> Bool in
            do {
                _ = try self.call { try await self.client.get(.serviceAccounts, namespace: namespace, name: name) }
            } catch let error as KubeClientError where error.isNotFound {
                do {
                    _ = try self.call { try await self.client.create(.serviceAccounts, account, namespace: namespace) }
                } catch let error as KubeClientError where error.isAlreadyExists {}
            }
            return true
        }
        ensuredServiceAccounts.insert(key)
    }

    /// Forgets what was ensured (the namespaces may have been deleted since).
    func reset() { ensuredServiceAccounts = [] }

    // MARK: - Plumbing

    static func json(_ object: KubeObject) throws -> JSONValue {
        try JSONValue.parse(try KubeJSON.encode(object))
    }

    private func call<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        try LiveBlocking.run(body)
    }

    /// Retries `body` on errors a later attempt can get past: stale versions, throttling,
    /// server errors, dropped connections. Ownership refusals and invalid objects are final.
    func retrying<T>(_ what: String, _ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try body()
            } catch let error as KubeClientError {
                guard attempt < maxAttempts, Self.isTransient(error) else {
                    throw TargetError("\(what): \(error)")
                }
                Thread.sleep(forTimeInterval: min(0.5, 0.01 * Double(1 << min(attempt, 6))))
            }
        }
    }

    static func isTransient(_ error: KubeClientError) -> Bool {
        switch error {
        case .api(let e): return e.code == 409 && e.reason == .conflict || e.code == 429 || e.code >= 500
        case .transport, .exhausted: return true
        default: return false
        }
    }
}
