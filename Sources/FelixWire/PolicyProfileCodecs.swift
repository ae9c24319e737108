// Codecs for `Policy` and `Profile` (rule lists plus policy attributes).
// Field numbers: projectcalico/calico:felix/proto/felixbackend.proto.

import Calico

extension Policy: ProtoMessage {
    /// `message Policy { repeated Rule inbound_rules = 1; repeated Rule outbound_rules = 2;
    /// bool untracked = 3; bool pre_dnat = 4; string namespace = 5; string original_selector = 6;
    /// repeated string perf_hints = 7; string tier = 8; }`
    public func encode(to writer: inout ProtoWriter) {
        writer.writeMessages(1, inboundRules)
        writer.writeMessages(2, outboundRules)
        writer.writeBool(3, untracked)
        writer.writeBool(4, preDNAT)
        writer.writeString(5, namespace)
        writer.writeString(6, originalSelector)
        writer.writeStrings(7, perfHints)
        writer.writeString(8, tier)
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> Policy {
        var policy = Policy()
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1: policy.inboundRules.append(try reader.message(field, as: Rule.self))
            case 2: policy.outboundRules.append(try reader.message(field, as: Rule.self))
            case 3: policy.untracked = try reader.bool(field)
            case 4: policy.preDNAT = try reader.bool(field)
            case 5: policy.namespace = try reader.string(field)
            case 6: policy.originalSelector = try reader.string(field)
            case 7: policy.perfHints.append(try reader.string(field))
            case 8: policy.tier = try reader.string(field)
            default: try reader.skip(field)
            }
        }
        return policy
    }
}

extension Profile: ProtoMessage {
    /// `message Profile { repeated Rule inbound_rules = 1; repeated Rule outbound_rules = 2; }`
    public func encode(to writer: inout ProtoWriter) {
        writer.writeMessages(1, inboundRules)
        writer.writeMessages(2, outboundRules)
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> Profile {
        var profile = Profile()
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1: profile.inboundRules.append(try reader.message(field, as: Rule.self))
            case 2: profile.outboundRules.append(try reader.message(field, as: Rule.self))
            default: try reader.skip(field)
            }
        }
        return profile
    }
}
