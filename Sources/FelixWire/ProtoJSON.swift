// Prints protobuf bytes as proto3 canonical JSON, driven by a schema (FelixSchema by default).
// Takes: a message's bytes and its type name. Gives: one line of JSON (no spaces) following
// the proto3 JSON mapping: lowerCamelCase names, 64-bit integers as strings, enums by name,
// default-valued scalars left out (oneof members kept), maps as objects with sorted keys.
// Fields print in schema (declaration) order. Cost: O(bytes), one pass plus nested messages.
// Source: protobuf.dev/programming-guides/json.

public enum ProtoJSON {
    /// Renders `bytes`, a message of type `messageType`, as canonical JSON.
    public static func render(
        _ bytes: [UInt8], as messageType: String, schemas: ProtoSchemaSet = FelixSchema.schemas, origin: Int = 0
    ) throws(ProtobufDecodingError) -> String {
        var out = ""
        var reader = ProtoReader(bytes, origin: origin)
        try renderMessage(&reader, type: messageType, schemas: schemas, into: &out)
        return out
    }

    /// One field occurrence on the wire, in arrival order.
    private enum WireValue {
        case number(UInt64)
        case bytes([UInt8], origin: Int)
    }

    private struct Occurrence {
        var header: FieldHeader
        var value: WireValue
        var sequence: Int
    }

    static func renderMessage(
        _ reader: inout ProtoReader, type: String, schemas: ProtoSchemaSet, into out: inout String
    ) throws(ProtobufDecodingError) {
        let schema = schemas.message(named: type)
        var occurrences: [Int: [Occurrence]] = [:]
        var sequence = 0
        while !reader.isAtEnd {
            let header = try reader.nextField()
            guard let field = schema?.field(number: header.number) else {
                try reader.skip(header)  // unknown fields are not printed (proto3 JSON drops them)
                continue
            }
            let value: WireValue
            switch header.tag.wireType {
            case .varint: value = .number(try reader.readVarint())
            case .fixed64: value = .number(try reader.readFixed64())
            case .fixed32: value = .number(UInt64(try reader.readFixed32()))
            case .lengthDelimited:
                var inner = try reader.readLengthDelimited()
                let origin = inner.offset
                value = .bytes(inner.readRemainingBytes(), origin: origin)
            case .startGroup, .endGroup:
                throw reader.failure(at: header, "field \(header.number) (\(field.name)) is a group; the schema says \(field.type.wireType)")
            }
            let packed = field.repeated && field.type.isPackable && header.tag.wireType == .lengthDelimited
            if !packed && header.tag.wireType != field.type.wireType {
                throw reader.failure(
                    at: header, "field \(header.number) (\(field.name)) has wire type \(header.tag.wireType), the schema says \(field.type.wireType)")
            }
            occurrences[header.number, default: []].append(Occurrence(header: header, value: value, sequence: sequence))
            sequence += 1
        }
        guard let schema else {
            out += "{}"
            return
        }
        // A oneof shows only its member seen last on the wire.
        var oneofWinner: [String: (number: Int, sequence: Int)] = [:]
        for field in schema.fields {
            guard let oneof = field.oneof, let last = occurrences[field.number]?.last else { continue }
            if let current = oneofWinner[oneof], current.sequence > last.sequence { continue }
            oneofWinner[oneof] = (field.number, last.sequence)
        }
        out += "{"
        var first = true
        for field in schema.fields {
            guard let found = occurrences[field.number], !found.isEmpty else { continue }
            if let oneof = field.oneof, oneofWinner[oneof]?.number != field.number { continue }
            var rendered = ""
            guard try renderField(field, found, schemas: schemas, into: &rendered) else { continue }
            if !first { out += "," }
            first = false
            out += JSONText.quoted(field.jsonName) + ":" + rendered
        }
        out += "}"
    }

    /// Renders one field's value; returns false when proto3 JSON leaves it out (a default).
    private static func renderField(
        _ field: ProtoFieldSchema, _ found: [Occurrence], schemas: ProtoSchemaSet, into out: inout String
    ) throws(ProtobufDecodingError) -> Bool {
        if case .map(let keyType, let valueType) = field.type {
            try renderMap(found, keyType: keyType, valueType: valueType, schemas: schemas, into: &out)
            return true
        }
        if field.repeated {
            var elements: [String] = []
            for occurrence in found {
                if field.type.isPackable, case .bytes(let bytes, let origin) = occurrence.value {
                    var packed = ProtoReader(bytes, origin: origin)
                    while !packed.isAtEnd {
                        let raw: UInt64
                        switch field.type.wireType {
                        case .fixed64: raw = try packed.readFixed64()
                        default: raw = try packed.readVarint()
                        }
                        elements.append(try scalar(.number(raw), field.type, schemas: schemas))
                    }
                } else {
                    elements.append(try scalar(occurrence.value, field.type, schemas: schemas))
                }
            }
            out += "[" + elements.joined(separator: ",") + "]"
            return true
        }
        guard let last = found.last else { return false }
        if case .message = field.type {
            // Several occurrences of one message field merge: parse their bytes concatenated.
            var merged: [UInt8] = []
            var origin = 0
            for (index, occurrence) in found.enumerated() {
                guard case .bytes(let bytes, let start) = occurrence.value else { continue }
                if index == 0 { origin = start }
                merged += bytes
            }
            out += try scalar(.bytes(merged, origin: origin), field.type, schemas: schemas)
            return true
        }
        let text = try scalar(last.value, field.type, schemas: schemas)
        if field.oneof == nil && isDefault(last.value, field.type) { return false }
        out += text
        return true
    }

    private static func isDefault(_ value: WireValue, _ type: ProtoFieldType) -> Bool {
        switch value {
        case .number(let raw):
            if case .double = type { return Double(bitPattern: raw) == 0 && Double(bitPattern: raw).sign == .plus }
            if case .int32 = type { return UInt32(truncatingIfNeeded: raw) == 0 }
            if case .uint32 = type { return UInt32(truncatingIfNeeded: raw) == 0 }
            if case .enumeration = type { return UInt32(truncatingIfNeeded: raw) == 0 }
            return raw == 0
        case .bytes(let bytes, _):
            return bytes.isEmpty
        }
    }

    private static func scalar(_ value: WireValue, _ type: ProtoFieldType, schemas: ProtoSchemaSet) throws(ProtobufDecodingError) -> String {
        switch (value, type) {
        case (.bytes(let bytes, let origin), .string):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ProtobufDecodingError(offset: origin, "string field is not valid UTF-8")
            }
            return JSONText.quoted(text)
        case (.bytes(let bytes, let origin), .message(let name)):
            var inner = ProtoReader(bytes, origin: origin)
            var text = ""
            try renderMessage(&inner, type: name, schemas: schemas, into: &text)
            return text
        case (.bytes(let bytes, let origin), .policyIDOrName):
            if LegacyWireForms.tierEntryIsName(bytes[...]) {
                return try scalar(.bytes(bytes, origin: origin), .string, schemas: schemas)
            }
            return try scalar(.bytes(bytes, origin: origin), .message("PolicyID"), schemas: schemas)
        case (.number(let raw), .bool): return raw != 0 ? "true" : "false"
        case (.number(let raw), .int32): return String(Int32(truncatingIfNeeded: raw))
        case (.number(let raw), .uint32): return String(UInt32(truncatingIfNeeded: raw))
        case (.number(let raw), .int64): return "\"\(Int64(bitPattern: raw))\""
        case (.number(let raw), .uint64): return "\"\(raw)\""
        case (.number(let raw), .double): return JSONText.number(Double(bitPattern: raw))
        case (.number(let raw), .enumeration(let schema)):
            let value = Int32(truncatingIfNeeded: raw)
            if let name = schema.names[value] { return JSONText.quoted(name) }
            return String(value)
        default:
            return "null"  // unreachable: wire types were checked against the schema
        }
    }

    private static func renderMap(
        _ found: [Occurrence], keyType: ProtoFieldType, valueType: ProtoFieldType, schemas: ProtoSchemaSet,
        into out: inout String
    ) throws(ProtobufDecodingError) {
        var entries: [(sortKey: MapKey, key: String, value: String)] = []
        var indexByKey: [String: Int] = [:]
        for occurrence in found {
            guard case .bytes(let bytes, let origin) = occurrence.value else { continue }
            var entry = ProtoReader(bytes, origin: origin)
            var keyValue: WireValue?
            var valueValue: WireValue?
            while !entry.isAtEnd {
                let header = try entry.nextField()
                let expected = header.number == 1 ? keyType : valueType
                guard header.number == 1 || header.number == 2 else { try entry.skip(header); continue }
                guard header.tag.wireType == expected.wireType else {
                    throw entry.failure(at: header, "map entry field \(header.number) has wire type \(header.tag.wireType), the schema says \(expected.wireType)")
                }
                let value: WireValue
                if header.tag.wireType == .lengthDelimited {
                    var inner = try entry.readLengthDelimited()
                    let start = inner.offset
                    value = .bytes(inner.readRemainingBytes(), origin: start)
                } else if header.tag.wireType == .fixed64 {
                    value = .number(try entry.readFixed64())
                } else {
                    value = .number(try entry.readVarint())
                }
                if header.number == 1 { keyValue = value } else { valueValue = value }
            }
            let key = try mapKey(keyValue, keyType, origin: origin)
            let rendered: String
            if let valueValue {
                rendered = try scalar(valueValue, valueType, schemas: schemas)
            } else {
                rendered = try defaultJSON(valueType, schemas: schemas)
            }
            if let index = indexByKey[key.text] {
                entries[index].value = rendered  // a repeated key: the last entry wins
            } else {
                indexByKey[key.text] = entries.count
                entries.append((key.sort, key.text, rendered))
            }
        }
        entries.sort { $0.sortKey < $1.sortKey }
        out += "{" + entries.map { JSONText.quoted($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
    }

    /// Map keys sort numerically for integer keys and by UTF-8 bytes for strings.
    private enum MapKey: Comparable {
        case integer(Int64)
        case unsigned(UInt64)
        case text([UInt8])
        static func < (a: MapKey, b: MapKey) -> Bool {
            switch (a, b) {
            case (.integer(let x), .integer(let y)): return x < y
            case (.unsigned(let x), .unsigned(let y)): return x < y
            case (.text(let x), .text(let y)): return x.lexicographicallyPrecedes(y)
            default: return false
            }
        }
    }

    private static func mapKey(_ value: WireValue?, _ type: ProtoFieldType, origin: Int) throws(ProtobufDecodingError) -> (sort: MapKey, text: String) {
        switch (value, type) {
        case (nil, .string): return (.text([]), "")
        case (.bytes(let bytes, let start)?, .string):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ProtobufDecodingError(offset: start, "map key is not valid UTF-8")
            }
            return (.text(bytes), text)
        case (let raw, .int32):
            let number = Int32(truncatingIfNeeded: raw.flatMap(Self.number) ?? 0)
            return (.integer(Int64(number)), String(number))
        case (let raw, .int64):
            let number = Int64(bitPattern: raw.flatMap(Self.number) ?? 0)
            return (.integer(number), String(number))
        case (let raw, .uint32):
            let number = UInt32(truncatingIfNeeded: raw.flatMap(Self.number) ?? 0)
            return (.unsigned(UInt64(number)), String(number))
        case (let raw, .uint64):
            let number = raw.flatMap(Self.number) ?? 0
            return (.unsigned(number), String(number))
        case (let raw, .bool):
            let flag = (raw.flatMap(Self.number) ?? 0) != 0
            return (.unsigned(flag ? 1 : 0), flag ? "true" : "false")
        default:
            throw ProtobufDecodingError(offset: origin, "map key type is not a valid protobuf map key")
        }
    }

    private static func number(_ value: WireValue) -> UInt64? {
        if case .number(let raw) = value { return raw }
        return nil
    }

    /// What an absent map value prints as (its type's default).
    private static func defaultJSON(_ type: ProtoFieldType, schemas: ProtoSchemaSet) throws(ProtobufDecodingError) -> String {
        switch type {
        case .message: return "{}"
        case .string: return "\"\""
        default: return try scalar(.number(0), type, schemas: schemas)
        }
    }
}
