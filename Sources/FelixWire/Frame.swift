// One framed message of a dataplane-driver stream, and the frame format itself.
// Format (both directions): an 8-byte little-endian uint64 length, then that many bytes of
// protobuf. Source: projectcalico/calico:felix/dataplane/external/ext_dataplane.go
// (`SendMessage` writes binary.LittleEndian.PutUint64 then the bytes; `RecvMessage` reads
// io.ReadFull(8) then io.ReadFull(length)).

public enum FrameFormat {
    public static let headerSize = 8
    /// Lengths above this are treated as corruption (Felix's largest message, the config
    /// update, is tens of kilobytes). 256 MiB.
    public static let defaultMaximumLength = 256 << 20

    /// The 8-byte little-endian length header.
    public static func header(length: Int) -> [UInt8] {
        let value = UInt64(length)
        return (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// Header plus payload, ready to write.
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        header(length: payload.count) + payload
    }
}

/// A frame as read from a stream.
public struct Frame: Hashable, Sendable {
    /// Offset of the frame's length header from the start of the stream.
    public var offset: Int
    /// The message bytes, without the header.
    public var payload: [UInt8]

    public init(offset: Int, payload: [UInt8]) {
        self.offset = offset
        self.payload = payload
    }

    /// Offset of the first payload byte in the stream.
    public var payloadOffset: Int { offset + FrameFormat.headerSize }
    /// The frame exactly as it was on the wire.
    public var wireBytes: [UInt8] { FrameFormat.frame(payload) }

    /// Decodes the payload; error offsets count from the start of the stream.
    public func decodeToDataplane() throws(ProtobufDecodingError) -> ToDataplane {
        try ToDataplane.decode(payload, origin: payloadOffset)
    }

    /// The payload as canonical JSON; error offsets count from the start of the stream.
    public func toDataplaneJSON() throws(ProtobufDecodingError) -> String {
        try ProtoJSON.render(payload, as: "ToDataplane", origin: payloadOffset)
    }
}
