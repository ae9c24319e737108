// Blocking reads and writes on raw file descriptors, retrying on EINTR, for pipes (fd 3/4)
// and sockets. Writes loop until every byte is out; sockets use MSG_NOSIGNAL so a departed
// peer is an EPIPE error, never a SIGPIPE death.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum FileDescriptorIO {
    /// Reads up to `maximum` bytes; an empty result means end of file.
    public static func read(_ fd: Int32, maximum: Int = 65536) throws(SystemCallError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                Glibc.read(fd, raw.baseAddress, raw.count)
                #else
                Darwin.read(fd, raw.baseAddress, raw.count)
                #endif
            }
            if count >= 0 {
                buffer.removeSubrange(count...)
                return buffer
            }
            if errno == EINTR { continue }
            throw SystemCallError("read", context: "(fd \(fd))")
        }
    }

    /// Writes every byte (a pipe or file).
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(SystemCallError) {
        try loop(bytes, call: "write", fd: fd) { pointer, count in
            #if canImport(Glibc)
            Glibc.write(fd, pointer, count)
            #else
            Darwin.write(fd, pointer, count)
            #endif
        }
    }

    /// Sends every byte on a socket without risking SIGPIPE.
    public static func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws(SystemCallError) {
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0  // Darwin: SO_NOSIGPIPE is set on the socket instead
        #endif
        try loop(bytes, call: "send", fd: fd) { pointer, count in send(fd, pointer, count, flags) }
    }

    private static func loop(
        _ bytes: [UInt8], call: String, fd: Int32, _ operation: (UnsafeRawPointer, Int) -> Int
    ) throws(SystemCallError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                operation(raw.baseAddress! + written, bytes.count - written)
            }
            if count > 0 {
                written += count
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                throw SystemCallError(call, code: count == 0 ? EIO : errno, context: "(fd \(fd))")
            }
        }
    }
}
