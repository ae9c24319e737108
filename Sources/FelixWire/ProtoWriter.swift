// Writes protobuf wire format with proto3 rules: scalar fields at their default value are
// left out, so identical values always give identical bytes.
// Takes: values, field by field (callers write in field-number order, like protoc's
// serialisers, so our bytes equal a reference serialiser's). Gives: bytes. Cost: O(output).

/// Accumulates one message's bytes.
public struct ProtoWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    public mutating func writeTag(_ field: Int, _ wireType: WireType) {
        writeVarint(FieldTag(number: field, wireType: wireType).rawValue)
    }

    public mutating func writeFixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    public mutating func writeFixed32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// `uint64` field; omitted when 0.
    public mutating func writeUInt64(_ field: Int, _ value: UInt64) {
        guard value != 0 else { return }
        writeTag(field, .varint)
        writeVarint(value)
    }

    /// `int32`/`enum` field; omitted when 0. Negative values are sign-extended to 10 bytes.
    public mutating func writeInt32(_ field: Int, _ value: Int32) {
        guard value != 0 else { return }
        writeInt32Always(field, value)
    }

    /// `int32` that is written even at 0: oneof members have presence in proto3.
    public mutating func writeInt32Always(_ field: Int, _ value: Int32) {
        writeTag(field, .varint)
        writeVarint(UInt64(bitPattern: Int64(value)))
    }

    /// `bool` field; omitted when false.
    public mutating func writeBool(_ field: Int, _ value: Bool) {
        guard value else { return }
        writeTag(field, .varint)
        writeVarint(1)
    }

    /// `string` field; omitted when empty.
    public mutating func writeString(_ field: Int, _ value: String) {
        guard !value.isEmpty else { return }
        writeStringAlways(field, value)
    }

    /// `string` that is written even when empty (a oneof member, a map key or value).
    public mutating func writeStringAlways(_ field: Int, _ value: String) {
        writeTag(field, .lengthDelimited)
        let utf8 = Array(value.utf8)
        writeVarint(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// `repeated string`: one field per element, empty strings included (they are elements).
    public mutating func writeStrings(_ field: Int, _ values: [String]) {
        for value in values { writeStringAlways(field, value) }
    }

    /// `repeated` numeric or enum field, packed (proto3's default for such fields): one LEN
    /// field holding the varints back to back; omitted when empty.
    public mutating func writePackedVarints(_ field: Int, _ values: [UInt64]) {
        guard !values.isEmpty else { return }
        var inner = ProtoWriter()
        for value in values { inner.writeVarint(value) }
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(inner.bytes.count))
        bytes.append(contentsOf: inner.bytes)
    }

    /// An embedded message, always written (message fields have presence, even when empty).
    public mutating func writeMessage(_ field: Int, _ build: (inout ProtoWriter) -> Void) {
        var inner = ProtoWriter()
        build(&inner)
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(inner.bytes.count))
        bytes.append(contentsOf: inner.bytes)
    }

    /// `map<string, string>`: one entry message (key = 1, value = 2) per key, sorted by key so
    /// the bytes do not depend on dictionary order (Go's `Deterministic` option does the same;
    /// like it, we order by the keys' UTF-8 bytes).
    /// Key and value are written even when empty, as the reference serialisers do for entries.
    public mutating func writeStringMap(_ field: Int, _ map: [String: String]) {
        for key in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            writeMessage(field) { entry in
                entry.writeStringAlways(1, key)
                entry.writeStringAlways(2, map[key] ?? "")
            }
        }
    }
}
