import Calico
import Testing
@testable import FelixWire

@Suite struct PrimitiveTests {
    @Test func varintsRoundTripAtEveryLengthBoundary() throws {
        var values: [UInt64] = [0, 1, 127, 128, 255, 300, 16383, 16384, UInt64(UInt32.max), UInt64.max, 1 << 63]
        for bits in 1...63 { values.append((1 << UInt64(bits)) - 1) }
        for value in values {
            var writer = ProtoWriter()
            writer.writeVarint(value)
            let expectedLength = max(1, (64 - value.leadingZeroBitCount + 6) / 7)
            #expect(writer.bytes.count == expectedLength)
            var reader = ProtoReader(writer.bytes)
            #expect(try reader.readVarint() == value)
            #expect(reader.isAtEnd)
        }
    }

    @Test func knownEncodings() {
        var writer = ProtoWriter()
        writer.writeVarint(300)
        #expect(writer.bytes == [0xAC, 0x02])  // the protobuf docs' example
        var tags = ProtoWriter()
        tags.writeTag(15, .varint)   // sequence_number
        tags.writeTag(16, .lengthDelimited)
        #expect(tags.bytes == [0x78, 0x82, 0x01])  // felix-live.md §1.4
        var negative = ProtoWriter()
        negative.writeInt32(1, -1)
        #expect(negative.bytes == [0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x01])  // sign-extended to 10 bytes
    }

    @Test func zigZagMatchesTheSpecTable() {
        let pairs: [(Int64, UInt64)] = [(0, 0), (-1, 1), (1, 2), (-2, 3), (Int64.max, UInt64.max - 1), (Int64.min, UInt64.max)]
        for (signed, encoded) in pairs {
            #expect(ZigZag.encode(signed) == encoded)
            #expect(ZigZag.decode(encoded) == signed)
        }
        #expect(ZigZag.encode(Int32(-3)) == 5)
        #expect(ZigZag.decode32(5) == -3)
    }

    @Test func corruptVarintsReportTheirOffset() {
        var overlong = ProtoReader([0x08] + [UInt8](repeating: 0x80, count: 10) + [0x01], origin: 100)
        _ = try? overlong.readTag()
        #expect(throws: ProtobufDecodingError(offset: 101, "varint overflows 64 bits")) { try overlong.readVarint() }
        var cut = ProtoReader([0x96], origin: 7)
        #expect(throws: ProtobufDecodingError(offset: 7, "varint runs past the end of its message")) { try cut.readVarint() }
        var overflow = ProtoReader([UInt8](repeating: 0xFF, count: 9) + [0x02])
        #expect(throws: ProtobufDecodingError.self) { try overflow.readVarint() }
    }

    @Test func badTagsAndLengthsAreCorruption() {
        var fieldZero = ProtoReader([0x00, 0x01])
        #expect(throws: ProtobufDecodingError(offset: 0, "invalid field number 0")) { try fieldZero.readTag() }
        var wireSix = ProtoReader([0x0E])
        #expect(throws: ProtobufDecodingError(offset: 0, "invalid wire type 6")) { try wireSix.readTag() }
        var longLength = ProtoReader([0x0A, 0x05, 0x61, 0x62], origin: 40)
        _ = try? longLength.readTag()
        #expect(throws: ProtobufDecodingError(offset: 41, "length 5 runs past the end of its message (2 bytes left)")) {
            try longLength.readLengthDelimited()
        }
        var badUTF8 = ProtoReader([0x02, 0xC3, 0x28])
        #expect(throws: ProtobufDecodingError.self) { try badUTF8.readString() }
    }

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        var writer = ProtoWriter()
        writer.writeTag(99, .varint); writer.writeVarint(UInt64.max)
        writer.writeTag(98, .fixed64); writer.writeFixed64(0x0102_0304_0506_0708)
        writer.writeTag(97, .fixed32); writer.writeFixed32(7)
        writer.writeTag(96, .lengthDelimited); writer.writeVarint(3); writer.writeVarint(1); writer.writeVarint(2); writer.writeVarint(3)
        writer.writeTag(95, .startGroup); writer.writeTag(1, .varint); writer.writeVarint(5)
        writer.writeTag(2, .startGroup); writer.writeTag(2, .endGroup); writer.writeTag(95, .endGroup)
        writer.writeString(1, "kept")
        let id = try ProfileID.decode(writer.bytes)
        #expect(id == ProfileID(name: "kept"))
    }

    @Test func wrongWireTypeForAKnownFieldNamesTheTag() {
        // ProfileID.name (1) sent as a varint.
        let bytes: [UInt8] = [0x08, 0x05]
        #expect(throws: ProtobufDecodingError(offset: 3, "field 1 has wire type VARINT, the schema says LEN")) {
            try ProfileID.decode(bytes, origin: 3)
        }
    }

    @Test func repeatedVarintsAcceptPackedAndUnpacked() throws {
        var writer = ProtoWriter()
        writer.writePackedVarints(4, [1, 300, 0])
        #expect(writer.bytes == [0x22, 0x04, 0x01, 0xAC, 0x02, 0x00])
        var all = writer.bytes
        var single = ProtoWriter()
        single.writeTag(4, .varint); single.writeVarint(9)
        all += single.bytes
        var reader = ProtoReader(all)
        var values: [UInt64] = []
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            try reader.readRepeatedVarints(tag, into: &values)
        }
        #expect(values == [1, 300, 0, 9])
    }

    @Test func packedEnumsPrintAsJSONNames() throws {
        // A repeated enum arrives packed; the JSON printer expands it (unknown values as numbers).
        let schemas = ProtoSchemaSet([ProtoMessageSchema("M", [ProtoFieldSchema("versions", 1, .enumeration(FelixSchema.ipVersion), repeated: true)])])
        var writer = ProtoWriter()
        writer.writePackedVarints(1, [4, 6, 5])
        writer.writeTag(1, .varint)
        writer.writeVarint(0)
        #expect(try ProtoJSON.render(writer.bytes, as: "M", schemas: schemas) == #"{"versions":["IPV4","IPV6",5,"ANY"]}"#)
    }

    @Test func jsonNamesFollowProtoc() {
        #expect(ProtoJSONName.from("src_named_port_ip_set_ids") == "srcNamedPortIpSetIds")
        #expect(ProtoJSONName.from("ipv4_nets") == "ipv4Nets")
        #expect(ProtoJSONName.from("wireguard_endpoint_v6_update") == "wireguardEndpointV6Update")
        #expect(ProtoJSONName.from("Egress") == "Egress")
        #expect(ToDataplanePayloadField.allCases.count == 33)
        #expect(Set(ToDataplanePayloadField.allCases.map(\.jsonName)).count == 33)
    }
}
