// Codec for `Rule`: every field k8sfv models, by its number in
// projectcalico/calico:felix/proto/felixbackend.proto (`message Rule`), written in field-number
// order as Go's marshaller writes them. The ICMP oneofs and service-account matches, which only
// Calico's own policies produce, are in RuleMatchExtraCodecs.swift. Fields the model lacks
// (HTTP and metadata matches 122-123, service fields 130-133) are skipped on decode.

import Calico

extension Rule: ProtoMessage {
    /// Rule field numbers (felixbackend.proto `message Rule`).
    enum Field {
        static let action = 1, ipVersion = 2, protocolMatch = 3
        static let srcNet = 4, srcPorts = 5, dstNet = 6, dstPorts = 7
        static let icmpType = 8, icmpTypeCode = 9
        static let srcIPSetIDs = 10, dstIPSetIDs = 11
        static let srcNamedPortIPSetIDs = 12, dstNamedPortIPSetIDs = 13, dstIPPortSetIDs = 15
        static let notProtocol = 102, notSrcNet = 103, notSrcPorts = 104, notDstNet = 105, notDstPorts = 106
        static let notICMPType = 107, notICMPTypeCode = 108
        static let notSrcIPSetIDs = 109, notDstIPSetIDs = 110
        static let notSrcNamedPortIPSetIDs = 112, notDstNamedPortIPSetIDs = 113
        static let originalSrcSelector = 114, originalDstSelector = 115
        static let originalSrcNamespaceSelector = 116, originalDstNamespaceSelector = 117
        static let originalNotSrcSelector = 118, originalNotDstSelector = 119
        static let srcServiceAccountMatch = 120, dstServiceAccountMatch = 121
        static let ruleID = 201
    }

    public func encode(to writer: inout ProtoWriter) {
        writer.writeString(Field.action, action)
        writer.writeInt32(Field.ipVersion, Int32(ipVersion.rawValue))
        if let match = `protocol` { writer.writeMessage(Field.protocolMatch, match) }
        writer.writeStrings(Field.srcNet, srcNet)
        writer.writeMessages(Field.srcPorts, srcPorts)
        writer.writeStrings(Field.dstNet, dstNet)
        writer.writeMessages(Field.dstPorts, dstPorts)
        icmp?.encode(to: &writer, typeField: Field.icmpType, typeCodeField: Field.icmpTypeCode)
        writer.writeStrings(Field.srcIPSetIDs, srcIPSetIDs)
        writer.writeStrings(Field.dstIPSetIDs, dstIPSetIDs)
        writer.writeStrings(Field.srcNamedPortIPSetIDs, srcNamedPortIPSetIDs)
        writer.writeStrings(Field.dstNamedPortIPSetIDs, dstNamedPortIPSetIDs)
        writer.writeStrings(Field.dstIPPortSetIDs, dstIPPortSetIDs)
        if let match = notProtocol { writer.writeMessage(Field.notProtocol, match) }
        writer.writeStrings(Field.notSrcNet, notSrcNet)
        writer.writeMessages(Field.notSrcPorts, notSrcPorts)
        writer.writeStrings(Field.notDstNet, notDstNet)
        writer.writeMessages(Field.notDstPorts, notDstPorts)
        notICMP?.encode(to: &writer, typeField: Field.notICMPType, typeCodeField: Field.notICMPTypeCode)
        writer.writeStrings(Field.notSrcIPSetIDs, notSrcIPSetIDs)
        writer.writeStrings(Field.notDstIPSetIDs, notDstIPSetIDs)
        writer.writeStrings(Field.notSrcNamedPortIPSetIDs, notSrcNamedPortIPSetIDs)
        writer.writeStrings(Field.notDstNamedPortIPSetIDs, notDstNamedPortIPSetIDs)
        writer.writeString(Field.originalSrcSelector, originalSrcSelector)
        writer.writeString(Field.originalDstSelector, originalDstSelector)
        writer.writeString(Field.originalSrcNamespaceSelector, originalSrcNamespaceSelector)
        writer.writeString(Field.originalDstNamespaceSelector, originalDstNamespaceSelector)
        writer.writeString(Field.originalNotSrcSelector, originalNotSrcSelector)
        writer.writeString(Field.originalNotDstSelector, originalNotDstSelector)
        if let match = srcServiceAccountMatch { writer.writeMessage(Field.srcServiceAccountMatch, match) }
        if let match = dstServiceAccountMatch { writer.writeMessage(Field.dstServiceAccountMatch, match) }
        writer.writeString(Field.ruleID, ruleID)
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> Rule {
        var rule = Rule()
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case Field.action: rule.action = try reader.string(field)
            case Field.ipVersion: rule.ipVersion = try IPVersion.decode(try reader.int32(field), at: field, in: reader)
            case Field.protocolMatch:
                var inner = try reader.message(field)
                rule.protocol = try ProtocolMatch.decodeIfSet(from: &inner)
            case Field.srcNet: rule.srcNet.append(try reader.string(field))
            case Field.srcPorts: rule.srcPorts.append(try reader.message(field, as: PortRange.self))
            case Field.dstNet: rule.dstNet.append(try reader.string(field))
            case Field.dstPorts: rule.dstPorts.append(try reader.message(field, as: PortRange.self))
            case Field.icmpType: rule.icmp = ICMPMatch(type: Int(try reader.int32(field)))  // oneof: the last member wins
            case Field.icmpTypeCode:
                var inner = try reader.message(field)
                rule.icmp = try ICMPMatch.decodeTypeAndCode(from: &inner)
            case Field.notICMPType: rule.notICMP = ICMPMatch(type: Int(try reader.int32(field)))
            case Field.notICMPTypeCode:
                var inner = try reader.message(field)
                rule.notICMP = try ICMPMatch.decodeTypeAndCode(from: &inner)
            case Field.srcServiceAccountMatch:
                rule.srcServiceAccountMatch = try reader.message(field, as: ServiceAccountMatch.self)
            case Field.dstServiceAccountMatch:
                rule.dstServiceAccountMatch = try reader.message(field, as: ServiceAccountMatch.self)
            case Field.srcIPSetIDs: rule.srcIPSetIDs.append(try reader.string(field))
            case Field.dstIPSetIDs: rule.dstIPSetIDs.append(try reader.string(field))
            case Field.srcNamedPortIPSetIDs: rule.srcNamedPortIPSetIDs.append(try reader.string(field))
            case Field.dstNamedPortIPSetIDs: rule.dstNamedPortIPSetIDs.append(try reader.string(field))
            case Field.dstIPPortSetIDs: rule.dstIPPortSetIDs.append(try reader.string(field))
            case Field.notProtocol:
                var inner = try reader.message(field)
                rule.notProtocol = try ProtocolMatch.decodeIfSet(from: &inner)
            case Field.notSrcNet: rule.notSrcNet.append(try reader.string(field))
            case Field.notSrcPorts: rule.notSrcPorts.append(try reader.message(field, as: PortRange.self))
            case Field.notDstNet: rule.notDstNet.append(try reader.string(field))
            case Field.notDstPorts: rule.notDstPorts.append(try reader.message(field, as: PortRange.self))
            case Field.notSrcIPSetIDs: rule.notSrcIPSetIDs.append(try reader.string(field))
            case Field.notDstIPSetIDs: rule.notDstIPSetIDs.append(try reader.string(field))
            case Field.notSrcNamedPortIPSetIDs: rule.notSrcNamedPortIPSetIDs.append(try reader.string(field))
            case Field.notDstNamedPortIPSetIDs: rule.notDstNamedPortIPSetIDs.append(try reader.string(field))
            case Field.originalSrcSelector: rule.originalSrcSelector = try reader.string(field)
            case Field.originalDstSelector: rule.originalDstSelector = try reader.string(field)
            case Field.originalSrcNamespaceSelector: rule.originalSrcNamespaceSelector = try reader.string(field)
            case Field.originalDstNamespaceSelector: rule.originalDstNamespaceSelector = try reader.string(field)
            case Field.originalNotSrcSelector: rule.originalNotSrcSelector = try reader.string(field)
            case Field.originalNotDstSelector: rule.originalNotDstSelector = try reader.string(field)
            case Field.ruleID: rule.ruleID = try reader.string(field)
            default: try reader.skip(field)
            }
        }
        return rule
    }
}
