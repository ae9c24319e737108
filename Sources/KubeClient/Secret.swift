// A credential that cannot leak through printing.
// Takes: a token string. Gives: a value whose description, debug description, dump and
// reflection all show "<redacted>"; only this module can read the text (to build the
// Authorization header). Cost: none.

public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let revealed: String

    public init(_ value: String) { revealed = value }

    public var isEmpty: Bool { revealed.isEmpty }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: ["value": "<redacted>"]) }

    /// Replaces any occurrence of the secret in `text` (for messages that echo input back).
    func scrub(_ text: String) -> String {
        guard !revealed.isEmpty else { return text }
        return text.replacingOccurrences(of: revealed, with: "<redacted>")
    }
}
