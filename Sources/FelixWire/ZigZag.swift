// ZigZag mapping for `sint32`/`sint64` fields (small magnitudes → short varints).
// No field k8sfv models is a sint, but the primitives are here so a schema addition is trivial.
// Source: protobuf.dev/programming-guides/encoding ("Signed Integers").

public enum ZigZag {
    public static func encode(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }
    public static func decode(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
    public static func encode(_ value: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31)))
    }
    public static func decode32(_ value: UInt64) -> Int32 {
        let low = UInt32(truncatingIfNeeded: value)
        return Int32(bitPattern: low >> 1) ^ -Int32(bitPattern: low & 1)
    }
}
