// Typed field reads on top of `ProtoReader`: each checks the wire type the schema expects,
// so a corrupt or mismatched field is reported at its tag's offset instead of misread.

/// A field's tag and where the tag starts.
public struct FieldHeader: Sendable {
    public var tag: FieldTag
    public var offset: Int
    public var number: Int { tag.number }
}

extension ProtoReader {
    /// Reads the next tag, remembering its offset for later error messages.
    public mutating func nextField() throws(ProtobufDecodingError) -> FieldHeader {
        let offset = self.offset
        return FieldHeader(tag: try readTag(), offset: offset)
    }

    public mutating func string(_ field: FieldHeader) throws(ProtobufDecodingError) -> String {
        try expect(field.tag, .lengthDelimited, at: field.offset)
        return try readString()
    }

    public mutating func message(_ field: FieldHeader) throws(ProtobufDecodingError) -> ProtoReader {
        try expect(field.tag, .lengthDelimited, at: field.offset)
        return try readLengthDelimited()
    }

    public mutating func int32(_ field: FieldHeader) throws(ProtobufDecodingError) -> Int32 {
        try expect(field.tag, .varint, at: field.offset)
        return try readInt32()
    }

    public mutating func uint64(_ field: FieldHeader) throws(ProtobufDecodingError) -> UInt64 {
        try expect(field.tag, .varint, at: field.offset)
        return try readVarint()
    }

    public mutating func bool(_ field: FieldHeader) throws(ProtobufDecodingError) -> Bool {
        try expect(field.tag, .varint, at: field.offset)
        return try readBool()
    }

    /// Skips a field the caller does not model.
    public mutating func skip(_ field: FieldHeader) throws(ProtobufDecodingError) {
        try skip(field.tag)
    }

    /// Builds a decoding error at a field's tag.
    public func failure(at field: FieldHeader, _ message: String) -> ProtobufDecodingError {
        ProtobufDecodingError(offset: field.offset, message)
    }
}
