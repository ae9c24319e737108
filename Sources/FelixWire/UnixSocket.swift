// Unix-domain stream sockets: listen, accept, connect. Every fd is close-on-exec so a
// spawned child (Felix, its driver) never inherits a relay connection.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum UnixSocket {
    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
    private static let streamType = SOCK_STREAM
    #endif

    /// Longest path `sockaddr_un` holds (107 bytes plus the terminating zero on Linux).
    public static var maximumPathLength: Int { MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1 }

    private static func withAddress<R>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> R) throws(SystemCallError) -> R {
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumPathLength else {
            throw SystemCallError("socket path", code: ENAMETOOLONG, context: "'\(path)' (must be 1...\(maximumPathLength) bytes)")
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }

    /// A connected client socket.
    public static func connect(path: String) throws(SystemCallError) -> Int32 {
        let fd = socket(AF_UNIX, streamType, 0)
        guard fd >= 0 else { throw SystemCallError("socket") }
        let result = try withAddress(path) { address, length in
            #if canImport(Glibc)
            Glibc.connect(fd, address, length)
            #else
            Darwin.connect(fd, address, length)
            #endif
        }
        guard result == 0 else {
            let error = SystemCallError("connect", context: "to \(path)")
            close(fd)
            throw error
        }
        return fd
    }

    /// A listening socket at `path` (an existing socket file there is removed first).
    public static func listen(path: String, backlog: Int32 = 16) throws(SystemCallError) -> Int32 {
        let fd = socket(AF_UNIX, streamType, 0)
        guard fd >= 0 else { throw SystemCallError("socket") }
        unlink(path)
        let bound = try withAddress(path) { address, length in bind(fd, address, length) }
        guard bound == 0 else {
            let error = SystemCallError("bind", context: "to \(path)")
            close(fd)
            throw error
        }
        #if canImport(Glibc)
        let listening = Glibc.listen(fd, backlog)
        #else
        let listening = Darwin.listen(fd, backlog)
        #endif
        guard listening == 0 else {
            let error = SystemCallError("listen", context: "on \(path)")
            close(fd)
            throw error
        }
        return fd
    }

    /// The next connection; retries on EINTR. Fails (EINVAL) once the listener is shut down.
    public static func accept(_ listener: Int32) throws(SystemCallError) -> Int32 {
        while true {
            #if canImport(Glibc)
            let fd = Glibc.accept(listener, nil, nil)
            #else
            let fd = Darwin.accept(listener, nil, nil)
            #endif
            if fd >= 0 {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                return fd
            }
            if errno == EINTR { continue }
            throw SystemCallError("accept")
        }
    }

    /// Whether the other end of a connected socket has closed it (checked without blocking;
    /// the relay's reader never writes back, so any readable byte is not expected either).
    public static func peerClosed(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        if n == 0 { return true }
        if n < 0 { return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR }
        return false
    }
}
