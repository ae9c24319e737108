// The one error every decoding layer throws: what went wrong and the byte offset where.

/// Malformed protobuf or framing. `offset` counts bytes from the start of whatever the caller
/// handed in (a message, or the whole stream once the frame reader has shifted it), so a
/// corrupt byte can be found with `xxd -s OFFSET`.
public struct ProtobufDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var message: String

    public init(offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }

    /// The same error with its offset moved into an enclosing frame of reference.
    public func shifted(by delta: Int) -> ProtobufDecodingError {
        ProtobufDecodingError(offset: offset + delta, message)
    }

    public var description: String { "at byte offset \(offset): \(message)" }
}
