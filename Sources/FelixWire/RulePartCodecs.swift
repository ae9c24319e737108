// Codecs for the small messages inside a Rule: PortRange and the Protocol oneof, plus the
// IPVersion enum. Field numbers: projectcalico/calico:felix/proto/felixbackend.proto.

import Calico

extension PortRange: ProtoMessage {
    /// `message PortRange { int32 first = 1; int32 last = 2; }` (a single port: first == last).
    public func encode(to writer: inout ProtoWriter) {
        writer.writeInt32(1, Int32(truncatingIfNeeded: first))
        writer.writeInt32(2, Int32(truncatingIfNeeded: last))
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> PortRange {
        var range = PortRange(first: 0, last: 0)
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1: range.first = Int(try reader.int32(field))
            case 2: range.last = Int(try reader.int32(field))
            default: try reader.skip(field)
            }
        }
        return range
    }
}

extension ProtocolMatch: ProtoMessage {
    /// `message Protocol { oneof number_or_name { int32 number = 1; string name = 2; } }`.
    /// Oneof members have presence, so `number: 0` and `name: ""` are written too.
    public func encode(to writer: inout ProtoWriter) {
        switch self {
        case .number(let number): writer.writeInt32Always(1, Int32(truncatingIfNeeded: number))
        case .name(let name): writer.writeStringAlways(2, name)
        }
    }

    /// An empty `Protocol` message (no member set) cannot be represented and is an error here;
    /// `Rule` decoding uses `decodeIfSet`, which reads it as "no protocol match".
    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> ProtocolMatch {
        let start = reader.offset
        guard let result = try decodeIfSet(from: &reader) else {
            throw ProtobufDecodingError(offset: start, "Protocol message has neither number nor name set")
        }
        return result
    }

    /// The member that is set, or nil for an empty message.
    static func decodeIfSet(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> ProtocolMatch? {
        var result: ProtocolMatch?
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1: result = .number(Int(try reader.int32(field)))  // oneof: the last member wins
            case 2: result = .name(try reader.string(field))
            default: try reader.skip(field)
            }
        }
        return result
    }
}

extension IPVersion {
    /// The wire value; unknown values are corruption here (k8sfv's model has no room for them).
    static func decode(_ value: Int32, at field: FieldHeader, in reader: ProtoReader) throws(ProtobufDecodingError) -> IPVersion {
        guard let version = IPVersion(rawValue: Int(value)) else {
            throw reader.failure(at: field, "unknown IPVersion value \(value) (known: 0 ANY, 4 IPV4, 6 IPV6)")
        }
        return version
    }
}
