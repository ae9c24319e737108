// Pulls frames from a file descriptor (a pipe, a file, stdin, a socket).
// Takes: an open fd. Gives: frames in order; nil at a clean end of stream; an error with the
// byte offset on truncation or a corrupt header. Cost: one read(2) per 64 KiB.

/// What can go wrong while reading frames: the bytes, or the descriptor.
public enum FrameReadError: Error, Sendable, CustomStringConvertible {
    case malformed(ProtobufDecodingError)
    case system(SystemCallError)

    public var description: String {
        switch self {
        case .malformed(let error): return error.description
        case .system(let error): return error.description
        }
    }
}

public struct FrameReader {
    public let fileDescriptor: Int32
    private var decoder: FrameDecoder
    private var ended = false

    public init(fileDescriptor: Int32, maximumLength: Int = FrameFormat.defaultMaximumLength) {
        self.fileDescriptor = fileDescriptor
        self.decoder = FrameDecoder(maximumLength: maximumLength)
    }

    /// Bytes read so far.
    public var bytesRead: Int { decoder.streamLength }

    /// The next frame; nil when the stream ended cleanly between frames.
    public mutating func next() throws(FrameReadError) -> Frame? {
        while true {
            do {
                if let frame = try decoder.nextFrame() { return frame }
                if ended {
                    try decoder.finish()
                    return nil
                }
            } catch {
                throw .malformed(error)
            }
            let chunk: [UInt8]
            do { chunk = try FileDescriptorIO.read(fileDescriptor) } catch { throw .system(error) }
            if chunk.isEmpty { ended = true } else { decoder.append(chunk) }
        }
    }
}
