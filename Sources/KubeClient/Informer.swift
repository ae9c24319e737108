// List-then-watch with recovery: the client-side cache every controller keeps.
// Takes: a client, a resource, optional namespace and selectors. Gives: a stream of
// ADDED/MODIFIED/DELETED events and a `synced` marker after every (re)list, such that replaying
// the stream always yields the server's state: a dropped or timed-out watch resumes from the
// last resourceVersion seen (bookmarks included); a 410 (HTTP status or ERROR event) makes it
// list again and emit only the differences against its cache, so nothing is lost or doubled.
// Cost: a full list per (re)list, one watch connection at a time. Every loop is bounded
// (restarts, consecutive failures, list pages). Pattern: felix-live.md §5.4.
import Foundation

public enum InformerEvent: Sendable, Hashable {
    case added(JSONValue)
    case modified(JSONValue)
    case deleted(JSONValue)
    /// After each (re)list: the cache now equals the server's state at this resourceVersion.
    case synced(resourceVersion: String)
}

public struct InformerOptions: Sendable, Hashable {
    public var pageSize: Int
    /// Each watch asks the server to end after this long; the informer then resumes.
    public var watchTimeoutSeconds: Int?
    /// Total watch restarts (resumes + re-lists) before giving up.
    public var maxRestarts: Int
    /// Failures in a row (errors other than 410) before the stream fails.
    public var maxConsecutiveFailures: Int
    /// Waits between failed attempts.
    public var backoff: RetryPolicy

    public init(pageSize: Int = 500, watchTimeoutSeconds: Int? = 300, maxRestarts: Int = 100_000,
                maxConsecutiveFailures: Int = 8, backoff: RetryPolicy = RetryPolicy(baseDelay: 0.02, maxDelay: 1)) {
        self.pageSize = pageSize
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.maxRestarts = maxRestarts
        self.maxConsecutiveFailures = maxConsecutiveFailures
        self.backoff = backoff
    }
}

public final class Informer: @unchecked Sendable {
    public let client: KubeClient
    public let resource: KubeResource
    public let namespace: String?
    public let labelSelector: String?
    public let fieldSelector: String?
    public let options: InformerOptions

    private let lock = NSLock()
    private var cache: [String: JSONValue] = [:]
    private var counters = (relists: 0, resumes: 0)

    public init(client: KubeClient, resource: KubeResource, namespace: String? = nil, labelSelector: String? = nil,
                fieldSelector: String? = nil, options: InformerOptions = InformerOptions()) {
        self.client = client
        self.resource = resource
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.options = options
    }

    /// The cached objects, sorted by namespace/name.
    public func snapshot() -> [JSONValue] {
        lock.lock(); defer { lock.unlock() }
        return cache.keys.sorted().compactMap { cache[$0] }
    }

    /// How many lists (the first included) and watch resumptions happened.
    public var relistCount: Int { lock.lock(); defer { lock.unlock() }; return counters.relists }
    public var resumeCount: Int { lock.lock(); defer { lock.unlock() }; return counters.resumes }

    /// Starts the list/watch loop; cancelling the consumer (or the stream) stops it.
    public func events() -> AsyncThrowingStream<InformerEvent, any Error> {
        AsyncThrowingStream(bufferingPolicy: .unbounded) { continuation in
            let task = Task { await self.run(continuation) }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func run(_ out: AsyncThrowingStream<InformerEvent, any Error>.Continuation) async {
        var resourceVersion: String?
        var failures = 0
        var restarts = 0
        var goneInARow = 0
        // Watches in a row that the server ended cleanly without sending anything. A real
        // server ends a watch at its timeout; one that ends every watch at once (a server
        // shutting down, a proxy) would otherwise make this loop resume as fast as it can.
        var emptyWatchesInARow = 0
        while !Task.isCancelled {
            guard restarts <= options.maxRestarts else {
                out.finish(throwing: KubeClientError.exhausted("informer for \(resource) restarted \(options.maxRestarts) times"))
                return
            }
            do {
                if resourceVersion == nil {
                    let list = try await client.listAll(resource, namespace: namespace, labelSelector: labelSelector,
                                                        fieldSelector: fieldSelector, pageSize: options.pageSize)
                    for event in replace(with: list.items) { out.yield(event) }
                    out.yield(.synced(resourceVersion: list.resourceVersion))
                    resourceVersion = list.resourceVersion
                    bump(relist: true)
                }
                let watchOptions = WatchOptions(resourceVersion: resourceVersion, labelSelector: labelSelector,
                                                fieldSelector: fieldSelector, allowWatchBookmarks: true,
                                                timeoutSeconds: options.watchTimeoutSeconds)
                var received = false
                for try await event in try client.watch(resource, namespace: namespace, options: watchOptions) {
                    if let rv = event.object.resourceVersion { resourceVersion = rv }
                    if let change = apply(event) { out.yield(change) }
                    failures = 0
                    goneInARow = 0
                    received = true
                }
                restarts += 1
                bump(relist: false)
                emptyWatchesInARow = received ? 0 : emptyWatchesInARow + 1
                if emptyWatchesInARow > 0 {
                    let wait = options.backoff.delay(afterAttempt: min(emptyWatchesInARow, 10), error: .exhausted(""), jitterSource: JitterSource(.none))
                    try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
                }
            } catch KubeClientError.gone {
                resourceVersion = nil
                restarts += 1
                goneInARow += 1
                if goneInARow > 1 {
                    // Re-listing did not help: back off rather than hammer the server.
                    let wait = options.backoff.delay(afterAttempt: min(goneInARow - 1, 10), error: .exhausted(""), jitterSource: JitterSource(.none))
                    try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
                }
            } catch is CancellationError {
                break
            } catch {
                failures += 1
                restarts += 1
                if failures > options.maxConsecutiveFailures {
                    out.finish(throwing: error)
                    return
                }
                bump(relist: false)
                let wait = options.backoff.delay(afterAttempt: failures, error: .exhausted(""), jitterSource: JitterSource(.none))
                try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            }
        }
        out.finish()
    }

    private func bump(relist: Bool) {
        lock.lock()
        if relist { counters.relists += 1 } else { counters.resumes += 1 }
        lock.unlock()
    }

    /// Swaps in a fresh list and returns the differences, in key order.
    private func replace(with items: [JSONValue]) -> [InformerEvent] {
        var fresh: [String: JSONValue] = [:]
        for item in items { fresh[item.objectKey] = item }
        lock.lock()
        let old = cache
        cache = fresh
        lock.unlock()
        var events: [InformerEvent] = []
        for key in Set(old.keys).union(fresh.keys).sorted() {
            switch (old[key], fresh[key]) {
            case (nil, let new?): events.append(.added(new))
            case (let gone?, nil): events.append(.deleted(gone))
            case (let before?, let after?) where before.resourceVersion != after.resourceVersion: events.append(.modified(after))
            default: break
            }
        }
        return events
    }

    /// Applies one watch event to the cache; nil when it changes nothing (bookmarks, repeats).
    private func apply(_ event: WatchEvent) -> InformerEvent? {
        let key = event.object.objectKey
        lock.lock(); defer { lock.unlock() }
        switch event.type {
        case .added, .modified:
            let previous = cache[key]
            cache[key] = event.object
            if let previous {
                return previous.resourceVersion == event.object.resourceVersion ? nil : .modified(event.object)
            }
            return .added(event.object)
        case .deleted:
            guard cache.removeValue(forKey: key) != nil else { return nil }
            return .deleted(event.object)
        case .bookmark, .error:
            return nil
        }
    }
}
