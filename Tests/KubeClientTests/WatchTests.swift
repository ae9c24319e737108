// Watch streams: events, bookmarks, 410 in both shapes, and the informer's recovery from
// dropped and expired watches with a consistent final state.
import Foundation
import Testing
@testable import KubeClient
import KubeStandIn

@Suite struct WatchTests {
    @Test func watchFromResourceVersionSeesChangesAndBookmarks() async throws {
        let server = try KubeStandIn.start(options: StandInOptions(bookmarkIntervalSeconds: 0.2))
        defer { server.stop() }
        let client = try makeClient(server)
        _ = try await client.create(.namespaces, namespaceObject("demo"))
        let list = try await client.list(.pods, namespace: "demo")
        let stream = try client.watch(.pods, namespace: "demo", options: WatchOptions(resourceVersion: list.resourceVersion))
        _ = try await client.create(.pods, podObject("web-2", namespace: "demo"))
        _ = try await client.mergePatch(.pods, namespace: "demo", name: "web-2", ["status": ["podIP": "10.0.0.9"]], subresource: "status")
        _ = try await client.delete(.pods, namespace: "demo", name: "web-2")
        let events = try await withTimeout(30) {
            var out: [WatchEvent] = []
            for try await event in stream {
                out.append(event)
                if event.type == .bookmark && out.contains(where: { $0.type == .deleted }) { break }
            }
            return out
        }
        // Force delete: MODIFIED with deletionTimestamp, then DELETED (transcript 34).
        let changes = events.filter { $0.type != .bookmark }
        #expect(changes.map(\.type) == [.added, .modified, .modified, .deleted])
        #expect(changes[3].object["metadata"]?["deletionTimestamp"] != nil)
        let bookmark = try #require(events.last?.object)
        #expect(bookmark.resourceVersion == server.resourceVersion)
        #expect(bookmark.metadataName == nil)
    }

    @Test func watchWithoutResourceVersionStartsWithCurrentState() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        _ = try await client.create(.pods, podObject("a", namespace: "demo"))
        _ = try await client.create(.pods, podObject("b", namespace: "demo", labels: ["app": "db"]))
        let stream = try client.watch(.pods, namespace: "demo", options: WatchOptions(labelSelector: "app=web", allowWatchBookmarks: false))
        let first = try await withTimeout(30) { try await collect(stream, count: 1) }
        #expect(first.map(\.type) == [.added])
        #expect(first.first?.object.metadataName == "a")
    }

    @Test func tooOldResourceVersionIsGoneAsErrorEvent() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        _ = try await client.create(.pods, podObject("a", namespace: "demo"))
        server.compactHistory()
        let stream = try client.watch(.pods, namespace: "demo", options: WatchOptions(resourceVersion: "1"))
        let error = await expectKubeError { _ = try await withTimeout(30) { try await collect(stream, count: 10) } }
        #expect(error?.isGone == true)
        #expect(error?.apiError?.reason == .expired)
        #expect(error?.apiError?.message.hasPrefix("too old resource version: 1") == true)
    }

    @Test func expiredWatchAsHTTP410IsGone() async throws {
        let (server, client) = try await standInWithNamespace(
            faults: StandInFaults(expireWatchRate: 1, expiredWatchStyle: .httpStatus))
        defer { server.stop() }
        let rv = server.resourceVersion
        let stream = try client.watch(.pods, namespace: "demo", options: WatchOptions(resourceVersion: rv))
        let error = await expectKubeError { _ = try await withTimeout(30) { try await collect(stream, count: 1) } }
        #expect(error?.isGone == true)
        #expect(error?.apiError?.code == 410)
    }

    @Test func droppedWatchIsReportedAsDropped() async throws {
        let (server, client) = try await standInWithNamespace(faults: StandInFaults(dropWatchRate: 1))
        defer { server.stop() }
        _ = try await client.create(.pods, podObject("a", namespace: "demo"))
        let stream = try client.watch(.pods, namespace: "demo")
        let error = await expectKubeError {
            _ = try await withTimeout(30) { try await collect(stream, count: 100) }
        }
        if case .watchDropped = error {} else { Issue.record("expected watchDropped, got \(String(describing: error))") }
        #expect(server.faultCounts.droppedWatches == 1)
    }

    @Test func informerResumesDroppedWatchWithoutRelisting() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        _ = try await client.create(.pods, podObject("a", namespace: "demo"))
        let informer = Informer(client: client, resource: .pods, namespace: "demo")
        let replay = ReplayedState()
        let stream = informer.events()
        let consumer = Task { for try await event in stream { await replay.apply(event) } }
        defer { consumer.cancel() }
        try await withTimeout(30) { while informer.relistCount == 0 { try await Task.sleep(nanoseconds: 5_000_000) } }
        server.setFaults(StandInFaults(dropWatchRate: 1))
        for i in 0..<3 { _ = try await client.create(.pods, podObject("b\(i)", namespace: "demo")) }
        let expected = Dictionary(uniqueKeysWithValues: server.objects(.pods, namespace: "demo").map { ("demo/\($0.name)", $0.resourceVersion) })
        try await withTimeout(30) {
            while await replay.versions() != expected { try await Task.sleep(nanoseconds: 10_000_000) }
        }
        #expect(server.faultCounts.droppedWatches >= 1)
        #expect(informer.resumeCount >= 1)
        #expect(informer.relistCount == 1)
    }

    /// A server that ends every watch at once, sending nothing: the informer backs off between
    /// resumes instead of spinning (felix-sims spun at 40% CPU each this way).
    @Test func informerBacksOffWhenEveryWatchEndsEmpty() async throws {
        let server = try KubeStandIn.start(options: StandInOptions(maxWatchSeconds: 0.001))
        defer { server.stop() }
        let client = try KubeClient(loopback: server.baseURL)
        let informer = Informer(client: client, resource: .namespaces)
        let consumer = Task { for try await _ in informer.events() {} }
        defer { consumer.cancel() }
        try await withTimeout(30) { while informer.relistCount == 0 { try await Task.sleep(nanoseconds: 5_000_000) } }
        try await Task.sleep(nanoseconds: 1_000_000_000)
        // Backing off from 20 ms up to 1 s allows about 7 resumes in a second; without it, 95 on a loaded debug build.
        #expect(informer.resumeCount < 25, "\(informer.resumeCount) resumes in about a second")
        #expect(informer.relistCount == 1)
    }

    @Test func informerRelistsWhenWatchExpires() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        _ = try await client.create(.pods, podObject("a", namespace: "demo"))
        // Every watch from a resourceVersion is "too old"; only the first ones, then it goes through.
        server.setFaults(StandInFaults(seed: 1, expireWatchRate: 1))
        let informer = Informer(client: client, resource: .pods, namespace: "demo")
        let stream = informer.events()
        let got = try await withTimeout(30) { () -> [InformerEvent] in
            var out: [InformerEvent] = []
            for try await event in stream {
                out.append(event)
                if informer.relistCount >= 3 { break }
            }
            return out
        }
        #expect(server.faultCounts.expiredWatches >= 2)
        // The first list adds "a"; re-lists find nothing new, so they only mark sync.
        let adds = got.filter { if case .added = $0 { return true } else { return false } }
        #expect(adds.count == 1)
        #expect(got.filter { if case .synced = $0 { return true } else { return false } }.count >= 3)
    }

    /// Writes pods while an informer watches through dropped and expired watches; the
    /// informer's cache and the replay of its event stream both end equal to the server.
    @Test func informerStaysConsistentThroughDropsAndExpiry() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        for i in 0..<5 { _ = try await client.create(.pods, podObject("seed\(i)", namespace: "demo")) }
        server.setFaults(StandInFaults(seed: 3, dropWatchRate: 0.2, expireWatchRate: 0.3))
        let informer = Informer(client: client, resource: .pods, namespace: "demo",
                                options: InformerOptions(pageSize: 2, watchTimeoutSeconds: 5))
        let replay = ReplayedState()
        let stream = informer.events()
        let consumer = Task {
            for try await event in stream { await replay.apply(event) }
        }
        defer { consumer.cancel() }
        for round in 0..<6 {
            _ = try await client.create(.pods, podObject("p\(round)", namespace: "demo"))
            _ = try await client.mergePatch(.pods, namespace: "demo", name: "seed\(round % 5)", ["metadata": ["labels": ["round": .string("\(round)")]]])
            if round % 2 == 1 { try await client.delete(.pods, namespace: "demo", name: "p\(round - 1)") }
            if round == 3 { server.compactHistory() }
            try await Task.sleep(nanoseconds: 30_000_000)
        }
        let expected = Dictionary(uniqueKeysWithValues: server.objects(.pods, namespace: "demo").map { ("demo/\($0.name)", $0.resourceVersion) })
        try await withTimeout(30) {
            while true {
                let seen = await replay.versions()
                let cached = Dictionary(uniqueKeysWithValues: informer.snapshot().map { ($0.objectKey, $0.resourceVersion ?? "") })
                if seen == expected && cached == expected { return }
                try await Task.sleep(nanoseconds: 20_000_000)
            }
        }
        let counts = server.faultCounts
        #expect(counts.droppedWatches + counts.expiredWatches > 0)
        #expect(informer.relistCount >= 2)
        #expect(await replay.duplicateAdds == 0)
    }
}

/// Applies informer events to a map, counting ADDED for keys already present (duplicates).
actor ReplayedState {
    private var objects: [String: String] = [:]
    private(set) var duplicateAdds = 0

    func apply(_ event: InformerEvent) {
        switch event {
        case .added(let o):
            if objects[o.objectKey] != nil { duplicateAdds += 1 }
            objects[o.objectKey] = o.resourceVersion ?? ""
        case .modified(let o): objects[o.objectKey] = o.resourceVersion ?? ""
        case .deleted(let o): objects[o.objectKey] = nil
        case .synced: break
        }
    }

    func versions() -> [String: String] { objects }
}
