// The contract between a Swift value and its protobuf message: write fields, read fields.

/// A value with a hand-written protobuf codec.
public protocol ProtoMessage {
    /// Writes the message's fields (not a tag or length) in field-number order.
    func encode(to writer: inout ProtoWriter)
    /// Reads a whole message from a reader positioned over exactly its bytes. Fields may come
    /// in any order; unknown fields are skipped; a repeated singular field: the last one wins.
    static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> Self
}

extension ProtoMessage {
    /// The message's wire bytes.
    public func serializedBytes() -> [UInt8] {
        var writer = ProtoWriter()
        encode(to: &writer)
        return writer.bytes
    }

    /// Decodes a message from its wire bytes; error offsets count from `bytes[0]` plus `origin`.
    public static func decode(_ bytes: [UInt8], origin: Int = 0) throws(ProtobufDecodingError) -> Self {
        var reader = ProtoReader(bytes, origin: origin)
        return try decode(from: &reader)
    }
}

extension ProtoWriter {
    /// An embedded message field (always written: message fields have presence).
    public mutating func writeMessage(_ field: Int, _ message: some ProtoMessage) {
        writeMessage(field) { message.encode(to: &$0) }
    }

    public mutating func writeMessages(_ field: Int, _ messages: [some ProtoMessage]) {
        for message in messages { writeMessage(field, message) }
    }
}

extension ProtoReader {
    /// An embedded message field, decoded.
    public mutating func message<M: ProtoMessage>(_ field: FieldHeader, as type: M.Type) throws(ProtobufDecodingError) -> M {
        var inner = try message(field)
        return try M.decode(from: &inner)
    }
}
