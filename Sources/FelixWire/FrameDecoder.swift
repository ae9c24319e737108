// Splits a byte stream that arrives in arbitrary chunks into frames.
// Takes: chunks (`append`). Gives: complete frames in order with their stream offsets, or an
// error naming the offset of a bad header (oversized length) or, at `finish`, of a frame the
// stream cut short. Cost: O(bytes); the buffer is compacted as frames are taken.

public struct FrameDecoder: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0
    /// Stream offset of `buffer[0]`.
    private var bufferOrigin = 0
    public let maximumLength: Int

    public init(maximumLength: Int = FrameFormat.defaultMaximumLength) {
        self.maximumLength = maximumLength
    }

    /// Bytes received so far.
    public var streamLength: Int { bufferOrigin + buffer.count }
    /// Bytes received but not yet part of a complete frame.
    public var pendingByteCount: Int { buffer.count - start }

    public mutating func append(_ bytes: [UInt8]) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            bufferOrigin += start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or nil if more bytes are needed.
    public mutating func nextFrame() throws(ProtobufDecodingError) -> Frame? {
        guard buffer.count - start >= FrameFormat.headerSize else { return nil }
        var length: UInt64 = 0
        for index in 0..<FrameFormat.headerSize {
            length |= UInt64(buffer[start + index]) << (8 * UInt64(index))
        }
        let offset = bufferOrigin + start
        guard length <= UInt64(maximumLength) else {
            throw ProtobufDecodingError(
                offset: offset, "frame header announces \(length) bytes, more than the \(maximumLength)-byte limit: the stream is corrupt or not framed")
        }
        let total = FrameFormat.headerSize + Int(length)
        guard buffer.count - start >= total else { return nil }
        let payload = Array(buffer[(start + FrameFormat.headerSize)..<(start + total)])
        start += total
        return Frame(offset: offset, payload: payload)
    }

    /// Call at end of stream: throws if the stream stopped inside a frame.
    public func finish() throws(ProtobufDecodingError) {
        let pending = buffer.count - start
        guard pending > 0 else { return }
        let offset = bufferOrigin + start
        if pending < FrameFormat.headerSize {
            throw ProtobufDecodingError(offset: offset, "stream ends inside a frame header (\(pending) of 8 bytes)")
        }
        var length: UInt64 = 0
        for index in 0..<FrameFormat.headerSize { length |= UInt64(buffer[start + index]) << (8 * UInt64(index)) }
        throw ProtobufDecodingError(
            offset: offset,
            "stream ends inside a frame: its header announces \(length) bytes, only \(pending - FrameFormat.headerSize) arrived")
    }
}
