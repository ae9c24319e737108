// GET on a collection with `watch=1`: a chunked stream of line-delimited JSON events.
// Takes: resourceVersion (absent or "0": synthetic ADDED for the current state first, transcripts
// 36/37; a number: every change after it, transcripts 34/35), selectors, allowWatchBookmarks,
// timeoutSeconds. Gives: ADDED/MODIFIED/DELETED events (an object that stops or starts matching
// the selectors is sent as DELETED/ADDED, as the watch cache does), BOOKMARKs, and a single
// ERROR event with a 410 Status when the resourceVersion is older than the kept history
// (transcripts 60–62). Faults can cut the connection or expire the watch.
// Cost: one thread per watch, woken on each commit; O(history) per wake-up.
import Foundation

extension APIHandler {
    func serveWatch(_ request: HTTPRequest, _ path: APIPath, _ channel: ResponseChannel, identity: String) {
        let r = path.resource
        let filter: ObjectFilter
        do { filter = try ObjectFilter.from(request) } catch { channel.send(StatusBody.badRequest(error.message)); return }
        let bookmarks = request.queryValue("allowWatchBookmarks") == "true"
        var lifetime = options.maxWatchSeconds
        if let text = request.queryValue("timeoutSeconds"), let seconds = Double(text), seconds > 0 {
            lifetime = min(lifetime, seconds)
        }
        let deadline = Date().addingTimeInterval(lifetime)
        let requestedRV = request.queryValue("resourceVersion") ?? ""
        if !requestedRV.isEmpty && requestedRV != "0" && Int64(requestedRV) == nil {
            channel.send(StatusBody.badRequest("invalid resourceVersion: \(requestedRV)"))
            return
        }
        let headers = [("Content-Type", "application/json")]

        if let rv = Int64(requestedRV), rv > 0, let style = faults.expireWatch(identity: identity) {
            let oldest = store.locked { store.currentRV }
            switch style {
            case .httpStatus:
                channel.send(StatusBody.expired("too old resource version: \(rv) (\(oldest))"))
            case .errorEvent:
                _ = channel.beginChunked(status: 200, headers: headers)
                _ = channel.writeChunk(line(["type": "ERROR", "object": StatusBody.expiredWatchObject(requested: requestedRV, oldest: oldest)]))
                _ = channel.endChunked()
            }
            return
        }

        // Where the stream starts, and what it sends first.
        var initial: [JSON] = []
        var lastRV: Int64 = 0
        var tooOld: Int64?
        store.locked {
            if let rv = Int64(requestedRV), rv > 0 {
                if rv < store.compactedRV { tooOld = store.compactedRV } else { lastRV = rv }
            } else {
                lastRV = store.currentRV
                initial = store.all(r, namespace: path.namespace).map(\.1).filter(filter.matches)
            }
        }
        guard channel.beginChunked(status: 200, headers: headers) else { return }
        if let oldest = tooOld {
            _ = channel.writeChunk(line(["type": "ERROR", "object": StatusBody.expiredWatchObject(requested: requestedRV, oldest: oldest)]))
            _ = channel.endChunked()
            return
        }
        var sent = 0
        func emit(_ type: String, _ object: JSON) -> Bool {
            guard channel.writeChunk(line(["type": .string(type), "object": object])) else { return false }
            sent += 1
            if faults.dropWatch(identity: identity, eventIndex: sent) {
                channel.abort()
                return false
            }
            return true
        }
        for object in initial { guard emit("ADDED", object) else { return } }

        // Bookmarks: every interval (a minute by default), and about every second over the
        // last two seconds of the watch, where a real server sent them (felix-live.md §8.1).
        let endWindow = deadline.addingTimeInterval(-2)
        let interval = options.bookmarkIntervalSeconds
        func bookmarkAfter(_ t: Date) -> Date {
            t >= endWindow ? t.addingTimeInterval(min(1, interval)) : min(t.addingTimeInterval(interval), endWindow)
        }
        var nextBookmark = bookmarkAfter(Date())
        for _ in 0..<10_000_000 {
            var batch: [(String, JSON)] = []
            var expiredAt: Int64?
            var stopped = false
            var bookmarkRV: Int64 = 0
            store.locked {
                // Wake at least once a second to notice a departed client.
                let wakeAt = min(bookmarks ? min(deadline, nextBookmark) : deadline, Date().addingTimeInterval(1))
                if store.currentRV == lastRV && !store.stopped { store.wait(until: wakeAt) }
                stopped = store.stopped
                guard let events = store.events(after: lastRV, resourceID: r.id) else {
                    expiredAt = store.compactedRV
                    return
                }
                for event in events {
                    if let ns = path.namespace, event.key.namespace != ns { continue }
                    if let type = visibleType(event, filter) { batch.append((type, event.object)) }
                }
                lastRV = store.currentRV
                bookmarkRV = store.currentRV
            }
            if stopped || channel.peerClosed() { channel.abort(); return }
            if let oldest = expiredAt {
                _ = channel.writeChunk(line(["type": "ERROR", "object": StatusBody.expiredWatchObject(requested: String(lastRV), oldest: oldest)]))
                _ = channel.endChunked()
                return
            }
            for (type, object) in batch { guard emit(type, object) else { return } }
            let now = Date()
            if bookmarks && now >= nextBookmark {
                let bookmark: JSON = ["kind": .string(r.kind), "apiVersion": .string(r.apiVersion),
                                      "metadata": ["resourceVersion": .string(String(bookmarkRV))]]
                guard channel.writeChunk(line(["type": "BOOKMARK", "object": bookmark])) else { return }
                nextBookmark = bookmarkAfter(now)
            }
            if now >= deadline { _ = channel.endChunked(); return }
        }
        _ = channel.endChunked()
    }

    /// How one change looks through the watch's selectors; nil when it is invisible.
    private func visibleType(_ event: HistoryEvent, _ filter: ObjectFilter) -> String? {
        let now = event.type != .deleted && filter.matches(event.object)
        let before = event.previous.map(filter.matches) ?? false
        switch event.type {
        case .added: return now ? "ADDED" : nil
        case .deleted: return before || filter.matches(event.object) ? "DELETED" : nil
        case .modified:
            switch (before, now) {
            case (true, true): return "MODIFIED"
            case (false, true): return "ADDED"
            case (true, false): return "DELETED"
            case (false, false): return nil
            }
        }
    }

    private func line(_ event: JSON) -> Data {
        var data = event.encoded()
        data.append(0x0A)
        return data
    }
}
