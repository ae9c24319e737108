// Applies Kubernetes writes to a live API server, each the way a Kubernetes client makes that
// change (felix-live.md §8.1; ../shared/felix-traces/README.md "How each generated write was
// applied"). Takes: writes already in live form (LiveNaming) and an OwnedClient. Gives: the
// server holding exactly what the writes describe, reached through the same kinds of events a
// real cluster produces. Cost: one to four requests per write (plus the ownership guard's GET
// before each update or delete).
//
// - put of a new object: create (POST, without status).
// - put of an existing pod: a merge patch of `metadata.labels`/`annotations` (an in-place
//   update: Felix sees a label change, never a delete and an add); a pod whose node or
//   containers differ cannot change in place (§5.6) and is deleted and created again.
// - pod status (IPs, phase) through the `status` subresource (the server drops status on
//   create and on main-resource updates, §5.7), only when it differs from what the server holds.
// - a pod whose scenario object carries `deletionTimestamp` (`terminatePod`) gets a graceful
//   DELETE with gracePeriodSeconds=3600: with no kubelet it stays, Terminating, with the
//   server's deletionTimestamp, until a later delete with gracePeriodSeconds=0 (§8.1).
// - namespaces: merge patch of the labels; a NetworkPolicy: PUT with the current
//   resourceVersion.
// - a put that changes nothing (`rewriteUnchanged`) still makes one real, irrelevant change,
//   so the server stores it and Felix receives an update: the annotation `rewriteAnnotation`
//   gets a new value (Calico copies no such annotation into what Felix computes from). A
//   no-op write would not even be an event on a real server, and silence would check nothing.
//   Nodes are the exception: Felix derives host metadata from them, so they are left alone.
// - delete: with gracePeriodSeconds=0 (§5.7); already gone counts as done. A namespace delete
//   returns at once: the namespace terminates in the background.
// - Re-creating a namespace that is still Terminating (the server answers 409, and 403 for a
//   pod in it) waits until it is gone.
// - Conflicts (stale resourceVersion) re-read and retry; a create that failed with a server
//   error is retried as create-or-update, so a request applied before its answer was lost is
//   never applied twice.
// - The namespace's `default` ServiceAccount (and any other a pod names) is created when
//   missing: without a controller-manager, ServiceAccount admission would refuse pods (§5.8).

import Calico
import Driver
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
        case .serviceAccount: return .serviceAccounts
        }
    }

    func apply(_ write: Write) throws {
        switch write {
        case .put(let object): try put(object)
        case .delete(let ref): try delete(ref)
        }
    }

    // MARK: - Put

    /// The annotation a `rewriteUnchanged` put changes (its value counts the rewrites).
    public static let rewriteAnnotation = "k8sfv.projectcalico.org/rewrite"
    /// The grace period of a `terminatePod` delete: long enough never to run out in a sequence.
    public static let terminationGraceSeconds = 3600
    /// How long a re-create waits for a Terminating namespace of the same name to go.
    var namespaceGoneTimeout: Double = 60

    private func put(_ object: KubeObject) throws {
        let resource = Self.resource(for: object.kind)
        var body = try Self.json(object)
        body["metadata"]?["deletionTimestamp"] = nil
        if case .pod(let pod) = object {
            try ensureServiceAccount(namespace: pod.namespace, name: pod.spec.serviceAccountName ?? "default")
            body["status"] = nil
        }
        let json = body
        let namespace = object.metadata.namespace
        changed = false
        var current = try retrying("create or update \(object.ref)") { () -> JSONValue in
            do {
                let created = try self.call { try await self.client.create(resource, json, namespace: namespace) }
                self.changed = true
                return created
            } catch let error as KubeClientError where error.isAlreadyExists {
                return try self.update(object, json: json, resource: resource)
            } catch let error as KubeClientError where Self.isNamespaceTerminating(error) && namespace != nil {
                try self.waitUntilGone(.namespaces, name: namespace ?? "")
                return try self.call { try await self.client.create(resource, json, namespace: namespace) }
            }
        }
        if case .namespace(let ns) = object {
            try ensureServiceAccount(namespace: ns.name, name: "default")
        }
        if case .serviceAccount(let account) = object {
            ensuredServiceAccounts.insert(account.namespace + "/" + account.name)
        }
        if case .pod(let pod) = object {
            try writeStatus(of: pod, current: current)
            if pod.metadata.deletionTimestamp != nil { try beginTermination(of: pod) }
        }
        if !changed && object.kind != .node {
            current = try retrying("rewrite \(object.ref)") { try self.rewrite(current, resource: resource) }
        }
        _ = current
    }

    /// Brings an existing object to the written one, the way a client changes that kind.
    private func update(_ object: KubeObject, json: JSONValue, resource: KubeResource) throws -> JSONValue {
        let namespace = object.metadata.namespace
        let name = object.metadata.name
        var live = try call { try await self.client.get(resource, namespace: namespace, name: name) }
        let wantsTermination = object.metadata.deletionTimestamp != nil
        if live["metadata"]?["deletionTimestamp"] != nil && !(object.kind == .pod && wantsTermination) {
            // A Terminating namespace, or a terminating pod written as a fresh one.
            if object.kind == .pod {
                _ = try call { try await self.client.delete(resource, namespace: namespace, name: name, gracePeriodSeconds: 0) }
            } else {
                try waitUntilGone(resource, namespace: namespace, name: name)
            }
            changed = true
            return try call { try await self.client.create(resource, json, namespace: namespace) }
        }
        switch object.kind {
        case .pod:
            guard Self.covers(live["spec"], json["spec"]) else {
                // Node or containers changed: a pod cannot change them in place (§5.6).
                _ = try call { try await self.client.delete(resource, namespace: namespace, name: name, gracePeriodSeconds: 0) }
                changed = true
                return try call { try await self.client.create(resource, json, namespace: namespace) }
            }
            live = try patchMetadata(live, to: json, resource: resource)
            return live
        case .namespace, .serviceAccount:
            return try patchMetadata(live, to: json, resource: resource)
        case .node:
            if Self.sameContent(live, json) { return live }
            changed = true
            return try call { try await self.client.replace(resource, json, namespace: namespace) }
        case .networkPolicy:
            if Self.sameContent(live, json, exactSpec: true) { return live }
            var next = json
            next["metadata"]?["annotations"] = Self.keepingRewrite(json["metadata"]?["annotations"], from: live)
            let body = next
            changed = true
            return try call { try await self.client.replace(resource, body, namespace: namespace) }
        }
    }

    /// A merge patch of `metadata.labels` and `annotations` (null removes a key); when they
    /// already agree, the irrelevant rewrite instead (see the header). A pod's status and a
    /// termination are written separately, so a status-only put is not a rewrite.
    private func patchMetadata(_ live: JSONValue, to desired: JSONValue, resource: KubeResource) throws -> JSONValue {
        var metadata: JSONValue = .object([:])
        for field in ["labels", "annotations"] {
            let held = Self.withoutRewrite(live["metadata"]?[field])
            let wanted = Self.withoutRewrite(desired["metadata"]?[field])
            if held == wanted { continue }
            var patch: [String: JSONValue] = [:]
            for (key, _) in held { if wanted[key] == nil { patch[key] = .null } }
            for (key, value) in wanted where held[key] != value { patch[key] = value }
            metadata[field] = .object(patch)
        }
        if metadata == .object([:]) {
            return live
        }
        let name = live.metadataName ?? ""
        let namespace = live.metadataNamespace
        let patch: JSONValue = ["metadata": metadata]
        changed = true
        return try call { try await self.client.mergePatch(resource, namespace: namespace, name: name, patch) }
    }

    /// The irrelevant change of a `rewriteUnchanged` put: the rewrite annotation counts up.
    func rewrite(_ live: JSONValue, resource: KubeResource) throws -> JSONValue {
        rewrites += 1
        let patch: JSONValue = ["metadata": ["annotations": .object([Self.rewriteAnnotation: .string(String(rewrites))])]]
        let name = live.metadataName ?? ""
        let namespace = live.metadataNamespace
        return try call { try await self.client.mergePatch(resource, namespace: namespace, name: name, patch) }
    }

    private var rewrites = 0
    /// Whether the put being applied has sent a change yet (see `put`).
    private var changed = false

    private static func withoutRewrite(_ value: JSONValue?) -> [String: JSONValue] {
        var map = value?.objectValue ?? [:]
        map[rewriteAnnotation] = nil
        return map
    }

    /// A PUT replaces the annotations: the rewrite counter the server holds is carried over.
    static func keepingRewrite(_ annotations: JSONValue?, from live: JSONValue) -> JSONValue? {
        guard let counter = live["metadata"]?["annotations"]?[rewriteAnnotation] else { return annotations }
        var map = annotations?.objectValue ?? [:]
        map[rewriteAnnotation] = counter
        return .object(map)
    }

    /// Labels, annotations and spec as written equal what the server holds (the rewrite
    /// annotation aside). A pod's spec only has to be covered (the server adds defaults inside
    /// it: restartPolicy, dnsPolicy, …); any other spec must be equal, since a field the new
    /// version leaves out (a NetworkPolicy without `ingress`, an empty podSelector) is a change
    /// the server must see. The runner already hands over objects with the API server's
    /// NetworkPolicy defaults applied.
    static func sameContent(_ live: JSONValue, _ desired: JSONValue, exactSpec: Bool = false) -> Bool {
        func labels(_ v: JSONValue) -> JSONValue? { v["metadata"]?["labels"] }
        guard labels(live) == labels(desired),
              withoutRewrite(live["metadata"]?["annotations"]) == withoutRewrite(desired["metadata"]?["annotations"])
        else { return false }
        if exactSpec { return live["spec"] == desired["spec"] }
        return covers(live["spec"], desired["spec"])
    }

    /// Every field `desired` sets has the same value in `live`.
    static func covers(_ live: JSONValue?, _ desired: JSONValue?) -> Bool {
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

    /// A graceful delete: the pod stays, Terminating, with the server's deletionTimestamp.
    /// An unbound or finished pod is deleted at once by the server (§5.7); Felix's view is the
    /// same either way (neither is an endpoint), and a later put creates it again.
    private func beginTermination(of pod: Pod) throws {
        let grace = Self.terminationGraceSeconds
        _ = try retrying("terminate \(pod.key)") { () -> Bool in
            let live = try self.call { try await self.client.get(.pods, namespace: pod.namespace, name: pod.name) }
            if live["metadata"]?["deletionTimestamp"] != nil { return true }
            self.changed = true
            _ = try self.call {
                try await self.client.delete(.pods, namespace: pod.namespace, name: pod.name, gracePeriodSeconds: grace)
            }
            return true
        }
    }

    /// 403 with cause `NamespaceTerminating`, or 409 "object is being deleted".
    static func isNamespaceTerminating(_ error: KubeClientError) -> Bool {
        guard let api = error.apiError else { return false }
        return api.code == 403 && (api.message.contains("being terminated") || api.message.contains("NamespaceTerminating"))
    }

    /// Polls until the object is gone (a Terminating namespace), or fails after the timeout.
    private func waitUntilGone(_ resource: KubeResource, namespace: String? = nil, name: String) throws {
        let end = Date(timeIntervalSinceNow: namespaceGoneTimeout)
        while true {
            do {
                _ = try call { try await self.client.client.get(resource, namespace: namespace, name: name) }
            } catch let error as KubeClientError where error.isNotFound {
                return
            }
            if Date() >= end {
                throw TargetError("\(resource.kind) \(name) is still terminating after \(Int(namespaceGoneTimeout)) s (is a namespace controller running?)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    private func writeStatus(of pod: Pod, current: JSONValue) throws {
        let desired = Self.statusKey(pod.status)
        let held = Self.statusKey((try? current.decode(Pod.self))?.status)
        guard desired != held else { return }
        var status = pod.status ?? PodStatus()
        if status.phase == nil { status.phase = "Pending" }
        let statusJSON = try JSONValue.from(status)
        changed = true
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
        if ref.kind == .serviceAccount { ensuredServiceAccounts.remove((ref.namespace ?? "default") + "/" + ref.name) }
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

    // MARK: - Step fences

    /// Reads back each object `refs` names and writes the step fence on Felix's Node
    /// (LiveFence): felix-sim then flushes once, when it has seen all of them as they are now.
    func writeFence(id: String, refs: [ObjectRef], felixNode: String) throws {
        var entries: [LiveFence.Entry] = []
        var done: Set<String> = []
        for ref in refs {
            let resource = Self.resource(for: ref.kind)
            let entryKey = LiveFence.key(resource: resource.plural, namespace: ref.namespace, name: ref.name)
            guard done.insert(entryKey).inserted else { continue }
            let version = try retrying("read back \(ref)") { () -> String in
                do {
                    let live = try call { try await self.client.get(resource, namespace: ref.namespace, name: ref.name) }
                    return live.resourceVersion ?? ""
                } catch let error as KubeClientError where error.isNotFound {
                    return ""
                }
            }
            entries.append(LiveFence.Entry(resource: resource.plural, namespace: ref.namespace, name: ref.name, resourceVersion: version))
        }
        let value = LiveFence.encode(LiveFence.Fence(id: id, entries: entries.sorted { $0.key < $1.key }))
        let patch: JSONValue = ["metadata": ["annotations": [LiveFence.fenceAnnotation: .string(value)]]]
        _ = try retrying("write the step fence on node \(felixNode)") {
            try call { try await self.client.mergePatch(.nodes, name: felixNode, patch) }
        }
    }

    // MARK: - Plumbing

    static func json(_ object: KubeObject) throws -> JSONValue {
        try JSONValue.parse(try KubeJSON.encode(object))
    }

    func call<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
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
