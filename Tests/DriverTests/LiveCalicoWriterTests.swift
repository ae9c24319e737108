// The live writer puts and deletes Calico resources (CalicoWrite) as crd.projectcalico.org/v1
// objects through the API client (LiveCalicoWriter.swift): after a sequence of writes the
// stand-in holds exactly what the model's snapshot holds, a watch sees an update in place as
// MODIFIED events of the same object, and an object without the run's ownership label is never
// changed or deleted.

import Calico
import Foundation
import KubeClient
import KubeStandIn
import Testing
@testable import Driver

@Suite("Live writer: Calico resources as CRD objects", .serialized)
struct LiveCalicoWriterTests {
    static let runID = "calico-writer"

    static func make() async throws -> (KubeStandIn, KubeClient, LiveClusterWriter) {
        let standIn = try KubeStandIn.start()
        let client = try KubeClient(config: KubeClientConfig(server: standIn.baseURL))
        _ = try await client.create(.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "demo"]])
        let writer = LiveClusterWriter(client: OwnedClient(client: client, ownership: try Ownership(runID: runID)))
        return (standIn, client, writer)
    }

    static func policy(_ selector: String) -> V3Resource {
        .networkPolicy(V3NetworkPolicy(namespace: "demo", name: "np", spec: V3PolicySpec(order: 20, selector: selector, types: ["Ingress"])))
    }

    static let writes: [CalicoWrite] = [
        .put(.tier(V3Tier(name: "t1", order: 10, defaultAction: "Pass"))),
        .put(.globalNetworkPolicy(V3GlobalNetworkPolicy(name: "t1.allow-web", spec: V3PolicySpec(tier: "t1", order: 1.5, selector: "app == 'web'")))),
        .put(policy("app == 'db'")),
        .put(.networkSet(V3NetworkSet(namespace: "demo", name: "ns", labels: ["role": "db"], nets: ["10.1.0.0/16"]))),
        .put(.globalNetworkSet(V3GlobalNetworkSet(name: "gns", labels: ["scope": "world"], nets: ["0.0.0.0/0"]))),
        .put(policy("app == 'api'")),
        .put(policy("app == 'api'")),
        .delete(V3ResourceKey(kind: "NetworkSet", namespace: "demo", name: "ns")),
        .delete(V3ResourceKey(kind: "GlobalNetworkSet", namespace: "", name: "never-written")),
    ]

    /// A resource read back from the server, without what the server and the writer add
    /// (uid, resourceVersion, generation, the ownership label, the rewrite counter).
    static func modelForm(_ json: JSONValue) throws -> V3Resource {
        var resource = try json.decode(V3Resource.self)
        func strip(_ meta: ObjectMeta) -> ObjectMeta {
            var labels = meta.labels ?? [:]
            labels[Ownership.labelKey] = nil
            var annotations = meta.annotations ?? [:]
            annotations[LiveClusterWriter.rewriteAnnotation] = nil
            var out = ObjectMeta(name: meta.name, namespace: meta.namespace)
            out.labels = labels.isEmpty ? nil : labels
            out.annotations = annotations.isEmpty ? nil : annotations
            return out
        }
        switch resource {
        case .networkPolicy(var o): o.metadata = strip(o.metadata); resource = .networkPolicy(o)
        case .globalNetworkPolicy(var o): o.metadata = strip(o.metadata); resource = .globalNetworkPolicy(o)
        case .networkSet(var o): o.metadata = strip(o.metadata); resource = .networkSet(o)
        case .globalNetworkSet(var o): o.metadata = strip(o.metadata); resource = .globalNetworkSet(o)
        case .tier(var o): o.metadata = strip(o.metadata); resource = .tier(o)
        }
        return resource
    }

    @Test("a CalicoWrite sequence leaves the server holding what the snapshot holds; the watch sees updates in place")
    func sequenceMatchesTheSnapshot() async throws {
        let (standIn, client, writer) = try await Self.make()
        defer { standIn.stop() }
        let policies = try #require(LiveClusterWriter.resource(forCalicoKind: "NetworkPolicy"))
        let start = try await client.list(policies, namespace: nil)
        let stream = try client.watch(policies, namespace: nil, options: WatchOptions(resourceVersion: start.resourceVersion, allowWatchBookmarks: false, timeoutSeconds: 30))
        var snapshot = ClusterSnapshot()
        for write in Self.writes {
            snapshot.apply(write)
            try await LivePathSupport.onThread { try writer.apply(write) }
        }

        var held: [V3Resource] = []
        for kind in V3Resource.kinds {
            let resource = try #require(LiveClusterWriter.resource(forCalicoKind: kind))
            let list = try await client.list(resource, namespace: nil)
            for item in list.items {
                #expect(item.labels[Ownership.labelKey] == Self.runID, "\(kind) \(item.metadataName ?? "") lacks the ownership label")
                #expect(item["apiVersion"] == "crd.projectcalico.org/v1")
                held.append(try Self.modelForm(item))
            }
        }
        let expected = snapshot.sortedCalicoResources
        #expect(held.sorted { $0.key < $1.key } == expected)
        #expect(expected.count == 4)

        // Create, change, unchanged rewrite: one object, updated in place.
        var events: [WatchEvent] = []
        for try await event in stream {
            events.append(event)
            if events.count == 3 { break }
        }
        // require, not expect: the lines below index the events, and a short stream must fail
        // this test, not crash the whole test process.
        try #require(events.map(\.type) == [.added, .modified, .modified], "the watch from \(start.resourceVersion) ended after \(events.count) events")
        #expect(Set(events.compactMap(\.object.uid)).count == 1)
        #expect(events[1].object["spec"]?["selector"] == "app == 'api'")
        #expect(try Self.modelForm(events[2].object) == Self.policy("app == 'api'"))
        #expect(events[2].object["metadata"]?["annotations"]?[LiveClusterWriter.rewriteAnnotation] != nil)
    }

    @Test("an existing Calico object without the ownership label is neither changed nor deleted")
    func refusesUnownedObjects() async throws {
        let (standIn, client, writer) = try await Self.make()
        defer { standIn.stop() }
        let foreign: JSONValue = ["apiVersion": "crd.projectcalico.org/v1", "kind": "NetworkSet",
                                  "metadata": ["name": "theirs", "namespace": "demo"], "spec": ["nets": ["10.9.0.0/16"]]]
        let networkSets = try #require(LiveClusterWriter.resource(forCalicoKind: "NetworkSet"))
        let before = try await client.create(networkSets, foreign, namespace: "demo")

        let put = CalicoWrite.put(.networkSet(V3NetworkSet(namespace: "demo", name: "theirs", nets: ["0.0.0.0/0"])))
        // On a thread of its own: the writer blocks its caller, and blocking a cooperative
        // thread here deadlocked the whole suite on 2 cores.
        for write in [put, .delete(put.key)] {
            let refusal = try await LivePathSupport.onThread { () -> String? in
                do { try writer.apply(write); return nil } catch let error as TargetError { return "\(error)" }
            }
            #expect(refusal != nil, "\(write.key) was applied to an object without the ownership label")
        }
        let after = try await client.get(networkSets, namespace: "demo", name: "theirs")
        #expect(after == before)

        // The same writes on an object the run created go through.
        let mine = CalicoWrite.put(.networkSet(V3NetworkSet(namespace: "demo", name: "mine", nets: ["10.2.0.0/16"])))
        try await LivePathSupport.onThread { try writer.apply(mine) }
        try await LivePathSupport.onThread { try writer.apply(.delete(mine.key)) }
        let gone = try await client.list(networkSets, namespace: "demo")
        #expect(gone.items.map(\.metadataName) == ["theirs"])
    }

    @Test("live teardown removes the Calico resources the writer made, and only those")
    func teardownRemovesOwnedCalicoResources() async throws {
        let (standIn, client, writer) = try await Self.make()
        defer { standIn.stop() }
        for write in Self.writes { try await LivePathSupport.onThread { try writer.apply(write) } }
        let foreign: JSONValue = ["apiVersion": "crd.projectcalico.org/v1", "kind": "GlobalNetworkSet",
                                  "metadata": ["name": "theirs"], "spec": ["nets": ["10.9.0.0/16"]]]
        let globalSets = try #require(LiveClusterWriter.resource(forCalicoKind: "GlobalNetworkSet"))
        _ = try await client.create(globalSets, foreign)
        let setup = try LiveClusterSetup(client: client, runID: Self.runID)
        let removed = try await LivePathSupport.onThread { try setup.tearDown() }
        #expect(removed.count >= 4)
        var left: [String] = []
        for kind in V3Resource.kinds {
            let resource = try #require(LiveClusterWriter.resource(forCalicoKind: kind))
            left += try await client.list(resource, namespace: nil).items.compactMap(\.metadataName)
        }
        #expect(left == ["theirs"])
    }
}
