// One event of a watch stream: `{"type": ..., "object": {...}}` on its own line.
// Takes: one line of the stream. Gives: the typed event; ERROR events become errors (410 →
// `.gone`, others → `.api`) because they always end the stream. Cost: one JSON parse.
// Format: felix-live.md §5.4; transcripts 34–38, 60–62.
import Foundation

public struct WatchEvent: Sendable, Hashable {
    public enum EventType: String, Sendable, Hashable {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED", bookmark = "BOOKMARK", error = "ERROR"
    }
    public var type: EventType
    public var object: JSONValue

    public init(type: EventType, object: JSONValue) {
        self.type = type
        self.object = object
    }

    /// Parses one line; throws for ERROR events and for lines that are not events.
    static func parse(line: Data) throws -> WatchEvent {
        let value = try JSONValue.parseBody(line)
        guard let typeText = value["type"]?.stringValue, let type = EventType(rawValue: typeText),
              let object = value["object"] else {
            throw KubeClientError.decoding("watch line is not an event: \(String(decoding: line.prefix(120), as: UTF8.self))")
        }
        if type == .error {
            let status = KubeAPIError(status: object, fallbackCode: 500)
            throw status.code == 410 ? KubeClientError.gone(status) : KubeClientError.api(status)
        }
        return WatchEvent(type: type, object: object)
    }
}

/// Splits a byte stream into newline-terminated lines.
struct LineSplitter {
    private var pending = Data()
    /// Longest line accepted (a Kubernetes object is far smaller).
    static let maxLine = 16 * 1024 * 1024

    mutating func feed(_ data: Data) throws -> [Data] {
        pending.append(data)
        var lines: [Data] = []
        while let newline = pending.firstIndex(of: 0x0A) {
            let line = pending[pending.startIndex..<newline]
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { lines.append(Data(line)) }
            pending = Data(pending[pending.index(after: newline)...])
        }
        if pending.count > Self.maxLine { throw KubeClientError.decoding("watch line longer than \(Self.maxLine) bytes") }
        return lines
    }

    /// What is left when the stream ends (a last line without a newline).
    mutating func flush() -> Data? {
        defer { pending = Data() }
        return pending.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x0A }) ? nil : pending
    }
}
