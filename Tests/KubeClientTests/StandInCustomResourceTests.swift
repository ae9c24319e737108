// The stand-in serves Calico's CRDs (crd.projectcalico.org/v1 NetworkPolicy, NetworkSet,
// GlobalNetworkPolicy, GlobalNetworkSet, Tier) the way a real API server serves custom
// resources: create/get/list/update/delete with resourceVersion semantics, kind and apiVersion
// kept on the object, metadata.generation/uid/creationTimestamp, 409 AlreadyExists and Conflict,
// 404 for a path of the wrong scope, the body's apiVersion and kind checked (CustomResources.swift),
// and a watch that delivers each change.

import Foundation
import KubeStandIn
import Testing
@testable import KubeClient

@Suite("Stand-in: Calico custom resources")
struct StandInCustomResourceTests {
    struct Kind: Sendable, CustomTestStringConvertible {
        var resource: KubeResource
        var spec: JSONValue
        var changedSpec: JSONValue
        var testDescription: String { resource.kind }
    }

    static let kinds: [Kind] = [
        Kind(resource: .calico("networkpolicies", kind: "NetworkPolicy", namespaced: true),
             spec: ["selector": "app == 'web'", "order": 100], changedSpec: ["selector": "app == 'db'", "order": 100]),
        Kind(resource: .calico("globalnetworkpolicies", kind: "GlobalNetworkPolicy"),
             spec: ["selector": "all()"], changedSpec: ["selector": "all()", "order": 5.5]),
        Kind(resource: .calico("networksets", kind: "NetworkSet", namespaced: true),
             spec: ["nets": ["10.0.0.0/8"]], changedSpec: ["nets": ["10.0.0.0/8", "192.168.0.0/16"]]),
        Kind(resource: .calico("globalnetworksets", kind: "GlobalNetworkSet"),
             spec: ["nets": ["0.0.0.0/0"]], changedSpec: ["nets": []]),
        Kind(resource: .tiers, spec: ["order": 100], changedSpec: ["order": 200, "defaultAction": "Pass"]),
    ]

    static func object(_ kind: Kind, name: String, spec: JSONValue) -> JSONValue {
        ["apiVersion": "crd.projectcalico.org/v1", "kind": .string(kind.resource.kind),
         "metadata": ["name": .string(name), "labels": ["role": "x"]], "spec": spec]
    }

    static func namespace(_ kind: Kind) -> String? { kind.resource.namespaced ? "demo" : nil }

    @Test("create, get, list, update, delete with resourceVersion semantics", arguments: kinds)
    func crud(_ kind: Kind) async throws {
        let (server, client) = try await standInWithNamespace("demo")
        defer { server.stop() }
        let r = kind.resource
        let ns = Self.namespace(kind)
        let created = try await client.create(r, Self.object(kind, name: "one", spec: kind.spec), namespace: ns)
        #expect(created["apiVersion"] == "crd.projectcalico.org/v1")
        #expect(created["kind"] == .string(r.kind))
        #expect(created["metadata"]?["generation"] == 1)
        #expect(created.uid?.isEmpty == false)
        #expect(created["metadata"]?["creationTimestamp"]?.stringValue?.isEmpty == false)
        #expect(created.metadataNamespace == ns)
        #expect(created["spec"] == kind.spec)

        let again = await expectKubeError { _ = try await client.create(r, Self.object(kind, name: "one", spec: kind.spec), namespace: ns) }
        #expect(again?.isAlreadyExists == true)

        let fetched = try await client.get(r, namespace: ns, name: "one")
        #expect(fetched == created)
        let list = try await client.list(r, namespace: ns)
        #expect(list.kind == r.kind + "List")
        #expect(list.items.map(\.metadataName) == ["one"])

        // PUT needs the current resourceVersion; a stale one is a Conflict; a spec change bumps generation.
        var next = fetched
        next["spec"] = kind.changedSpec
        let updated = try await client.replace(r, next, namespace: ns)
        #expect(updated["metadata"]?["generation"] == 2)
        #expect(updated.resourceVersion != created.resourceVersion)
        #expect(updated.uid == created.uid)
        let stale = await expectKubeError { _ = try await client.replace(r, next, namespace: ns) }
        #expect(stale?.isConflict == true)
        var unversioned = next
        unversioned["metadata"]?["resourceVersion"] = nil
        let missing = await expectKubeError { _ = try await client.replace(r, unversioned, namespace: ns) }
        #expect(missing?.apiError?.code == 422)
        // A label-only change keeps the generation.
        var relabelled = updated
        relabelled["metadata"]?["labels"] = ["role": "y"]
        let afterRelabel = try await client.replace(r, relabelled, namespace: ns)
        #expect(afterRelabel["metadata"]?["generation"] == 2)

        _ = try await client.delete(r, namespace: ns, name: "one")
        let gone = await expectKubeError { _ = try await client.get(r, namespace: ns, name: "one") }
        #expect(gone?.isNotFound == true)
        #expect(try await client.list(r, namespace: ns).items.isEmpty)
    }

    @Test("a watch delivers ADDED, MODIFIED and DELETED with the CRD's kind", arguments: kinds)
    func watch(_ kind: Kind) async throws {
        let (server, client) = try await standInWithNamespace("demo")
        defer { server.stop() }
        let r = kind.resource
        let ns = Self.namespace(kind)
        let list = try await client.list(r, namespace: ns)
        let stream = try client.watch(r, namespace: ns, options: WatchOptions(resourceVersion: list.resourceVersion, allowWatchBookmarks: false))
        let created = try await client.create(r, Self.object(kind, name: "w", spec: kind.spec), namespace: ns)
        var next = created
        next["spec"] = kind.changedSpec
        _ = try await client.replace(r, next, namespace: ns)
        _ = try await client.delete(r, namespace: ns, name: "w")
        let events = try await withTimeout(30) { try await collect(stream, count: 3) }
        #expect(events.map(\.type) == [.added, .modified, .deleted])
        #expect(events.allSatisfy { $0.object["kind"] == .string(r.kind) && $0.object.metadataName == "w" })
        #expect(events[1].object["spec"] == kind.changedSpec)
    }

    @Test("a path of the wrong scope is 404")
    func wrongScope() async throws {
        let (server, client) = try await standInWithNamespace("demo")
        defer { server.stop() }
        let tier = Self.object(Self.kinds[4], name: "t", spec: ["order": 1])
        let body = Data(tier.serialized().utf8)
        // A cluster-scoped kind under a namespace.
        let (code, status, _) = try await rawRequest(server.baseURL, method: "POST",
                                                     path: "/apis/crd.projectcalico.org/v1/namespaces/demo/tiers", body: body)
        #expect(code == 404)
        #expect(status?["reason"] == "NotFound")
        // A namespaced kind addressed without its namespace.
        let policy = Self.object(Self.kinds[0], name: "p", spec: ["selector": "all()"])
        _ = try await client.create(Self.kinds[0].resource, policy, namespace: "demo")
        let (getCode, _, _) = try await rawRequest(server.baseURL, method: "GET",
                                                   path: "/apis/crd.projectcalico.org/v1/networkpolicies/p")
        #expect(getCode == 404)
        // …while the all-namespaces list of it works.
        let all = try await client.list(Self.kinds[0].resource, namespace: nil)
        #expect(all.items.map(\.metadataNamespace) == ["demo"])
        // A namespaced kind in a namespace that does not exist.
        let missing = await expectKubeError { _ = try await client.create(Self.kinds[2].resource, Self.object(Self.kinds[2], name: "s", spec: ["nets": []]), namespace: "nope") }
        #expect(missing?.isNotFound == true)
    }

    @Test("the body must carry the CRD's apiVersion and kind")
    func bodyTypeChecks() async throws {
        let (server, _) = try await standInWithNamespace("demo")
        defer { server.stop() }
        let path = "/apis/crd.projectcalico.org/v1/tiers"
        var wrongVersion = Self.object(Self.kinds[4], name: "t", spec: ["order": 1])
        wrongVersion["apiVersion"] = "projectcalico.org/v3"
        let (versionCode, versionStatus, _) = try await rawRequest(server.baseURL, method: "POST", path: path, body: Data(wrongVersion.serialized().utf8))
        #expect(versionCode == 400)
        #expect(versionStatus?["message"] == "the API version in the data (projectcalico.org/v3) does not match the expected API version (crd.projectcalico.org/v1)")

        var wrongKind = Self.object(Self.kinds[4], name: "t", spec: ["order": 1])
        wrongKind["kind"] = "GlobalNetworkSet"
        let (kindCode, kindStatus, _) = try await rawRequest(server.baseURL, method: "POST", path: path, body: Data(wrongKind.serialized().utf8))
        #expect(kindCode == 422)
        #expect(kindStatus?["details"]?["causes"]?.arrayValue?.first?["field"] == "kind")

        var noKind = Self.object(Self.kinds[4], name: "t", spec: ["order": 1])
        noKind["kind"] = nil
        let (noKindCode, noKindStatus, _) = try await rawRequest(server.baseURL, method: "POST", path: path, body: Data(noKind.serialized().utf8))
        #expect(noKindCode == 400)
        #expect(noKindStatus?["message"]?.stringValue?.hasPrefix("Object 'Kind' is missing") == true)
        #expect(server.objects(.calico("tiers")).isEmpty)
    }
}
