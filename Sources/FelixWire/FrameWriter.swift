// Writes frames to a file descriptor: header and payload in one buffer, one write loop.

public struct FrameWriter: Sendable {
    public let fileDescriptor: Int32

    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    public func write(payload: [UInt8]) throws(SystemCallError) {
        try FileDescriptorIO.writeAll(fileDescriptor, FrameFormat.frame(payload))
    }

    public func write(_ message: ToDataplane) throws(SystemCallError) {
        try write(payload: message.serializedBytes())
    }
}
