// Reads protobuf wire format from a byte array: varints, tags, length-delimited values,
// fixed-width values, and skipping of fields the reader does not know.
// Takes: bytes (shared, not copied; sub-readers view a range). Gives: values or a
// `ProtobufDecodingError` naming the offset of the offending byte. Cost: O(bytes read).

/// A cursor over protobuf bytes. Offsets in errors are `origin + index`, so nested readers
/// report positions in the outermost buffer's frame of reference.
public struct ProtoReader {
    private let bytes: [UInt8]
    private var index: Int
    private let end: Int
    private let origin: Int

    /// A reader over all of `bytes`; `origin` is added to every offset it reports.
    public init(_ bytes: [UInt8], origin: Int = 0) {
        self.init(bytes, range: 0..<bytes.count, origin: origin)
    }

    private init(_ bytes: [UInt8], range: Range<Int>, origin: Int) {
        self.bytes = bytes
        self.index = range.lowerBound
        self.end = range.upperBound
        self.origin = origin
    }

    public var isAtEnd: Bool { index >= end }
    /// The offset of the next byte to be read.
    public var offset: Int { origin + index }

    func failure(_ message: String, at position: Int? = nil) -> ProtobufDecodingError {
        ProtobufDecodingError(offset: origin + (position ?? index), message)
    }

    /// Base-128 varint, least significant group first; at most 10 bytes.
    public mutating func readVarint() throws(ProtobufDecodingError) -> UInt64 {
        let start = index
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < end else { throw failure("varint runs past the end of its message", at: start) }
            let byte = bytes[index]
            index += 1
            if shift == 63 && byte > 1 { throw failure("varint overflows 64 bits", at: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw failure("varint longer than 10 bytes", at: start) }
        }
    }

    /// The next field tag; field 0, unknown wire types and numbers above 2^29-1 are corruption.
    public mutating func readTag() throws(ProtobufDecodingError) -> FieldTag {
        let start = index
        let raw = try readVarint()
        guard let wireType = WireType(rawValue: UInt8(raw & 7)) else {
            throw failure("invalid wire type \(raw & 7)", at: start)
        }
        let number = raw >> 3
        guard number >= 1, number <= UInt64(FieldTag.maxFieldNumber) else {
            throw failure("invalid field number \(number)", at: start)
        }
        return FieldTag(number: Int(number), wireType: wireType)
    }

    /// A length-delimited value as a reader over just its bytes.
    public mutating func readLengthDelimited() throws(ProtobufDecodingError) -> ProtoReader {
        let start = index
        let length = try readVarint()
        guard length <= UInt64(end - index) else {
            throw failure("length \(length) runs past the end of its message (\(end - index) bytes left)", at: start)
        }
        let range = index..<(index + Int(length))
        index = range.upperBound
        return ProtoReader(bytes, range: range, origin: origin)
    }

    /// The remaining bytes of this reader (consumes them).
    public mutating func readRemainingBytes() -> [UInt8] {
        defer { index = end }
        return Array(bytes[index..<end])
    }

    /// The remaining bytes of this reader, without consuming them.
    public func peekRemainingBytes() -> [UInt8] {
        Array(bytes[index..<end])
    }

    /// The remaining bytes of this reader as one UTF-8 string (consumes them).
    public mutating func readWholeString() throws(ProtobufDecodingError) -> String {
        let start = index
        guard let text = String(validating: readRemainingBytes(), as: UTF8.self) else {
            throw failure("string field is not valid UTF-8", at: start)
        }
        return text
    }

    /// A length-delimited value as raw bytes.
    public mutating func readBytes() throws(ProtobufDecodingError) -> [UInt8] {
        var inner = try readLengthDelimited()
        return inner.readRemainingBytes()
    }

    /// A length-delimited UTF-8 string (proto3 requires valid UTF-8).
    public mutating func readString() throws(ProtobufDecodingError) -> String {
        let start = index
        let raw = try readBytes()
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw failure("string field is not valid UTF-8", at: start)
        }
        return text
    }

    public mutating func readFixed64() throws(ProtobufDecodingError) -> UInt64 {
        try readLittleEndian(width: 8)
    }

    public mutating func readFixed32() throws(ProtobufDecodingError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readLittleEndian(width: 4))
    }

    private mutating func readLittleEndian(width: Int) throws(ProtobufDecodingError) -> UInt64 {
        guard end - index >= width else { throw failure("\(width)-byte fixed value runs past the end of its message") }
        var value: UInt64 = 0
        for shift in 0..<width { value |= UInt64(bytes[index + shift]) << (8 * UInt64(shift)) }
        index += width
        return value
    }

    /// `int32`/`enum`: a varint whose low 32 bits are the value (negatives arrive sign-extended).
    public mutating func readInt32() throws(ProtobufDecodingError) -> Int32 {
        Int32(truncatingIfNeeded: try readVarint())
    }

    public mutating func readBool() throws(ProtobufDecodingError) -> Bool {
        try readVarint() != 0
    }

    /// Skips one field's value of the given wire type (for fields this reader does not model).
    public mutating func skip(_ tag: FieldTag) throws(ProtobufDecodingError) {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readLengthDelimited()
        case .startGroup:
            // Deprecated groups: skip nested fields until the matching end-group tag.
            while true {
                guard !isAtEnd else { throw failure("group \(tag.number) is not closed") }
                let inner = try readTag()
                if inner.wireType == .endGroup {
                    guard inner.number == tag.number else {
                        throw failure("end-group tag \(inner.number) closes group \(tag.number)")
                    }
                    return
                }
                try skip(inner)
            }
        case .endGroup:
            throw failure("end-group tag \(tag.number) without a start-group")
        }
    }

    /// Checks that a known field arrived with the wire type the schema says.
    public func expect(_ tag: FieldTag, _ wireType: WireType, at tagOffset: Int) throws(ProtobufDecodingError) {
        guard tag.wireType == wireType else {
            throw ProtobufDecodingError(
                offset: tagOffset, "field \(tag.number) has wire type \(tag.wireType), the schema says \(wireType)")
        }
    }

    /// Repeated varint field: accepts both packed (LEN) and unpacked (one VARINT per element),
    /// as proto3 parsers must. Appends to `values`.
    public mutating func readRepeatedVarints(_ tag: FieldTag, into values: inout [UInt64]) throws(ProtobufDecodingError) {
        switch tag.wireType {
        case .varint:
            values.append(try readVarint())
        case .lengthDelimited:
            var packed = try readLengthDelimited()
            while !packed.isAtEnd { values.append(try packed.readVarint()) }
        default:
            throw failure("repeated varint field \(tag.number) has wire type \(tag.wireType)")
        }
    }
}
