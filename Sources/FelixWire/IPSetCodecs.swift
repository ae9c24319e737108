// Codecs for `IPSetUpdate` and `IPSetDeltaUpdate` (`IPSetRemove` is just an id and lives in
// the ToDataplane codec). Field numbers: projectcalico/calico:felix/proto/felixbackend.proto.

import Calico

extension IPSetUpdate: ProtoMessage {
    /// `message IPSetUpdate { string id = 1; repeated string members = 2; IPSetType type = 3; }`
    /// with `enum IPSetType { IP = 0; IP_AND_PORT = 1; NET = 2; }`.
    public func encode(to writer: inout ProtoWriter) {
        writer.writeString(1, id)
        writer.writeStrings(2, members)
        writer.writeInt32(3, Int32(type.rawValue))
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> IPSetUpdate {
        var update = IPSetUpdate(id: "", members: [], type: .ip)
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1: update.id = try reader.string(field)
            case 2: update.members.append(try reader.string(field))
            case 3:
                let raw = try reader.int32(field)
                guard let type = IPSetType(rawValue: Int(raw)) else {
                    throw reader.failure(at: field, "unknown IPSetType value \(raw) (known: 0 IP, 1 IP_AND_PORT, 2 NET)")
                }
                update.type = type
            default: try reader.skip(field)
            }
        }
        return update
    }
}

extension IPSetDeltaUpdate: ProtoMessage {
    /// `message IPSetDeltaUpdate { string id = 1; repeated string added_members = 2;
    /// repeated string removed_members = 3; }`
    public func encode(to writer: inout ProtoWriter) {
        writer.writeString(1, id)
        writer.writeStrings(2, addedMembers)
        writer.writeStrings(3, removedMembers)
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> IPSetDeltaUpdate {
        var delta = IPSetDeltaUpdate(id: "")
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1: delta.id = try reader.string(field)
            case 2: delta.addedMembers.append(try reader.string(field))
            case 3: delta.removedMembers.append(try reader.string(field))
            default: try reader.skip(field)
            }
        }
        return delta
    }
}
