// The stand-in's etcd: every object by resource and key, one global resourceVersion counter,
// and a bounded history of changes that serves watches, consistent paged lists and 410s.
// Takes: commits from the handlers (under its lock). Gives: current state, the state as of an
// older resourceVersion (by undoing history), and events after a resourceVersion. Cost: a
// commit is O(1) amortised; a state-at-RV or events-after-RV query is O(history).
import Foundation

/// namespace ("" when cluster-scoped) and name; sorted like etcd keys.
struct StoreKey: Hashable, Comparable, Sendable {
    var namespace: String
    var name: String
    static func < (a: StoreKey, b: StoreKey) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
    var tokenText: String { "\(namespace)/\(name)" }
    init(namespace: String, name: String) { self.namespace = namespace; self.name = name }
    init?(tokenText: String) {
        guard let slash = tokenText.firstIndex(of: "/") else { return nil }
        namespace = String(tokenText[..<slash])
        name = String(tokenText[tokenText.index(after: slash)...])
    }
}

enum WatchEventType: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }

struct HistoryEvent: Sendable {
    var rv: Int64
    var resourceID: String
    var key: StoreKey
    var type: WatchEventType
    /// The object after the change (for DELETED: the last state, stamped with the deletion RV).
    var object: JSON
    /// The object before the change; nil for ADDED.
    var previous: JSON?
}

final class ObjectStore: @unchecked Sendable {
    private let condition = NSCondition()
    private(set) var currentRV: Int64
    /// History holds every event with rv > compactedRV.
    private(set) var compactedRV: Int64
    private var objects: [String: [StoreKey: JSON]] = [:]
    private var history: [HistoryEvent] = []
    private let historyLimit: Int
    private(set) var stopped = false

    init(initialRV: Int64, historyLimit: Int) {
        currentRV = initialRV
        compactedRV = initialRV
        self.historyLimit = max(1, historyLimit)
    }

    /// Runs `body` holding the store lock; every method below expects the lock held.
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    func get(_ r: ResourceInfo, _ key: StoreKey) -> JSON? { objects[r.id]?[key] }

    /// Current objects of a resource, sorted by key; `namespace` nil means all namespaces.
    func all(_ r: ResourceInfo, namespace: String?) -> [(StoreKey, JSON)] {
        (objects[r.id] ?? [:]).filter { namespace == nil || $0.key.namespace == namespace }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Namespaced objects of every resource in one namespace (for namespace deletion).
    func keysInNamespace(_ namespace: String) -> [(String, StoreKey)] {
        var out: [(String, StoreKey)] = []
        for (rid, map) in objects.sorted(by: { $0.key < $1.key }) {
            for key in map.keys.sorted() where key.namespace == namespace && !namespace.isEmpty { out.append((rid, key)) }
        }
        return out
    }

    /// Stores (or removes, for `.deleted`) one object under a new resourceVersion and wakes
    /// every watcher. Returns the object as stored, with its new resourceVersion.
    @discardableResult
    func commit(_ resourceID: String, _ key: StoreKey, _ object: JSON, type: WatchEventType) -> JSON {
        currentRV += 1
        var stamped = object
        stamped.setMeta("resourceVersion", .string(String(currentRV)))
        let previous = objects[resourceID]?[key]
        if type == .deleted {
            objects[resourceID]?[key] = nil
        } else {
            objects[resourceID, default: [:]][key] = stamped
        }
        history.append(HistoryEvent(rv: currentRV, resourceID: resourceID, key: key, type: type,
                                    object: stamped, previous: previous))
        if history.count > historyLimit + historyLimit / 4 + 1 { trim(keeping: historyLimit) }
        condition.broadcast()
        return stamped
    }

    private func trim(keeping count: Int) {
        let drop = history.count - count
        guard drop > 0 else { return }
        compactedRV = history[drop - 1].rv
        history.removeFirst(drop)
    }

    /// Forgets all history, as an etcd compaction at the current revision would: any watch or
    /// paged list from an older resourceVersion then gets 410.
    func compact() {
        history.removeAll()
        compactedRV = currentRV
        condition.broadcast()
    }

    /// The objects of `r` as they were at `rv`, or nil when history no longer reaches back.
    func state(_ r: ResourceInfo, at rv: Int64) -> [StoreKey: JSON]? {
        guard rv >= compactedRV else { return nil }
        var state = objects[r.id] ?? [:]
        for event in history.reversed() {
            if event.rv <= rv { break }
            if event.resourceID != r.id { continue }
            state[event.key] = event.previous
        }
        return state
    }

    /// Events of `resourceID` with rv greater than `rv`; nil when they have been compacted away.
    func events(after rv: Int64, resourceID: String) -> [HistoryEvent]? {
        guard rv >= compactedRV else { return nil }
        var out: [HistoryEvent] = []
        // History is sorted by rv: binary-search the first event after `rv`.
        var lo = 0, hi = history.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if history[mid].rv <= rv { lo = mid + 1 } else { hi = mid }
        }
        for event in history[lo...] where event.resourceID == resourceID { out.append(event) }
        return out
    }

    /// Waits (lock held) until something is committed, the store stops, or `deadline` passes.
    func wait(until deadline: Date) {
        if stopped { return }
        _ = condition.wait(until: deadline)
    }

    func stop() {
        stopped = true
        condition.broadcast()
    }
}
