// Codecs for the Rule parts only Calico's own policies produce: the ICMP oneofs and the
// service-account matches. Field numbers: projectcalico/calico:felix/proto/felixbackend.proto
// (`Rule.icmp` = `icmp_type` 8 | `icmp_type_code` 9, `Rule.not_icmp` = `not_icmp_type` 107 |
// `not_icmp_type_code` 108, `src_service_account_match` 120, `dst_service_account_match` 121,
// `message IcmpTypeAndCode { int32 type = 1; int32 code = 2; }`,
// `message ServiceAccountMatch { string selector = 1; repeated string names = 2; }`); the same
// numbers in felixbackend-v3.25.0.proto.

import Calico

extension ICMPMatch {
    /// Writes the oneof: the bare type in `typeField` (present even when 0, as a oneof member
    /// is), or a `IcmpTypeAndCode` message in `typeCodeField` when a code is given, which is
    /// how Felix's rule_convert.go fills it.
    func encode(to writer: inout ProtoWriter, typeField: Int, typeCodeField: Int) {
        if let code {
            writer.writeMessage(typeCodeField) { inner in
                inner.writeInt32(1, Int32(truncatingIfNeeded: type))
                inner.writeInt32(2, Int32(truncatingIfNeeded: code))
            }
        } else {
            writer.writeInt32Always(typeField, Int32(truncatingIfNeeded: type))
        }
    }

    /// Reads an `IcmpTypeAndCode` message. A message whose code is absent reads as code 0,
    /// since proto3 cannot tell an unset int32 from 0 and the sender chose the type-and-code
    /// member on purpose.
    static func decodeTypeAndCode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> ICMPMatch {
        var match = ICMPMatch(type: 0, code: 0)
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1: match.type = Int(try reader.int32(field))
            case 2: match.code = Int(try reader.int32(field))
            default: try reader.skip(field)
            }
        }
        return match
    }
}

extension ServiceAccountMatch: ProtoMessage {
    public func encode(to writer: inout ProtoWriter) {
        writer.writeString(1, selector)
        writer.writeStrings(2, names)
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> ServiceAccountMatch {
        var match = ServiceAccountMatch()
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1: match.selector = try reader.string(field)
            case 2: match.names.append(try reader.string(field))
            default: try reader.skip(field)
            }
        }
        return match
    }
}
