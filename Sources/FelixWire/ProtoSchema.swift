// A small description of protobuf messages (field names, numbers, types), enough to print
// any message as proto3 JSON straight from its bytes. The Felix schema is in FelixSchema.swift.

/// A protobuf enum: value → name (unknown values print as numbers, as proto3 JSON requires).
public struct ProtoEnumSchema: Sendable {
    public var name: String
    public var names: [Int32: String]
    public init(_ name: String, _ values: [(String, Int32)]) {
        self.name = name
        self.names = Dictionary(values.map { ($0.1, $0.0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A field's type as far as JSON printing is concerned.
public indirect enum ProtoFieldType: Sendable {
    case string, bool, int32, int64, uint32, uint64, double
    case enumeration(ProtoEnumSchema)
    /// A message type, by name in the schema set (names not in the set print as `{}`).
    case message(String)
    /// `map<K, V>`: entries with key = 1 and value = 2.
    case map(key: ProtoFieldType, value: ProtoFieldType)
    /// A `TierInfo` policy entry: a `PolicyID` message, or (Felix before v3.32) a policy name;
    /// each occurrence is decided by its bytes (LegacyWireForms.tierEntryIsName).
    case policyIDOrName

    /// The wire type a singular value of this type uses.
    var wireType: WireType {
        switch self {
        case .string, .message, .map, .policyIDOrName: return .lengthDelimited
        case .bool, .int32, .int64, .uint32, .uint64, .enumeration: return .varint
        case .double: return .fixed64
        }
    }

    /// Numeric and enum types may also arrive packed in one LEN field when repeated.
    var isPackable: Bool { wireType != .lengthDelimited }
}

/// One field of a message.
public struct ProtoFieldSchema: Sendable {
    public var name: String
    public var number: Int
    public var type: ProtoFieldType
    public var repeated: Bool
    /// The oneof this field belongs to; oneof members have presence (printed even at default).
    public var oneof: String?

    public init(_ name: String, _ number: Int, _ type: ProtoFieldType, repeated: Bool = false, oneof: String? = nil) {
        self.name = name
        self.number = number
        self.type = type
        self.repeated = repeated
        self.oneof = oneof
    }

    public var jsonName: String { ProtoJSONName.from(name) }
}

/// One message: its fields in the order JSON output lists them.
public struct ProtoMessageSchema: Sendable {
    public var name: String
    public var fields: [ProtoFieldSchema]
    public init(_ name: String, _ fields: [ProtoFieldSchema]) {
        self.name = name
        self.fields = fields
    }

    public func field(number: Int) -> ProtoFieldSchema? { fields.first { $0.number == number } }
}

/// A set of message schemas that refer to each other by name.
public struct ProtoSchemaSet: Sendable {
    public var messages: [String: ProtoMessageSchema]
    public init(_ messages: [ProtoMessageSchema]) {
        self.messages = Dictionary(messages.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
    public func message(named name: String) -> ProtoMessageSchema? { messages[name] }
}
