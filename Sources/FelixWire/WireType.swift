// Protobuf wire types: the low three bits of every field tag.
// Source: protobuf.dev/programming-guides/encoding ("Message Structure").

/// How a field's value is laid out on the wire; decides how to read or skip it.
public enum WireType: UInt8, Sendable, CustomStringConvertible {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5

    public var description: String {
        switch self {
        case .varint: return "VARINT"
        case .fixed64: return "I64"
        case .lengthDelimited: return "LEN"
        case .startGroup: return "SGROUP"
        case .endGroup: return "EGROUP"
        case .fixed32: return "I32"
        }
    }
}

/// A field tag: field number and wire type, as `number << 3 | wireType` in a varint.
public struct FieldTag: Hashable, Sendable {
    public var number: Int
    public var wireType: WireType
    public init(number: Int, wireType: WireType) {
        self.number = number
        self.wireType = wireType
    }
    /// The tag's varint value.
    public var rawValue: UInt64 { UInt64(number) << 3 | UInt64(wireType.rawValue) }
    /// Largest legal field number (2^29 - 1).
    public static let maxFieldNumber = (1 << 29) - 1
}
