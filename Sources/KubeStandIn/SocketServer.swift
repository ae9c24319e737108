// A small HTTP/1.1 server on a POSIX socket bound to 127.0.0.1 only.
// Takes: a handler called once per request on the connection's own thread. Gives: keep-alive
// connections, Content-Length and chunked request bodies, `Expect: 100-continue`, and a
// `ResponseChannel` that can answer at once or stream chunks (for watches). Cost: one thread
// per open connection; every loop is bounded (idle timeout, header/body size, request count).
// Source for the approach: /work/shared/spec/swift-linux.md §4 (tested there).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

enum SocketServerError: Error, CustomStringConvertible {
    case system(String, Int32)
    case message(String)
    var description: String {
        switch self {
        case .system(let what, let err): return "\(what) failed: \(String(cString: strerror(err)))"
        case .message(let text): return text
        }
    }
}

/// One accepted connection's byte stream: the plain socket, or TLS over it (StandInTLS).
final class ConnectionIO: @unchecked Sendable {
    // Used by the connection's own thread only.
    let fd: Int32
    private let tls: TLSServerContext?
    private let ssl: OpaquePointer?

    init(fd: Int32, tls: TLSServerContext? = nil, ssl: OpaquePointer? = nil) {
        self.fd = fd
        self.tls = tls
        self.ssl = ssl
    }

    func close() {
        if let tls, let ssl {
            _ = tls.sslShutdown(ssl)
            tls.sslFree(ssl)
        }
    }

    func read(_ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        if let tls, let ssl { return Int(tls.sslRead(ssl, buffer, Int32(min(count, Int(Int32.max))))) }
        return recv(fd, buffer, count, 0)
    }

    func write(_ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        if let tls, let ssl { return Int(tls.sslWrite(ssl, buffer, Int32(min(count, Int(Int32.max))))) }
        return Glibc.send(fd, buffer, count, Int32(MSG_NOSIGNAL))
    }

    /// Whether the peer has closed (checked without blocking).
    func peerClosed() -> Bool {
        if let tls, let ssl, tls.sslPending(ssl) > 0 { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        if n == 0 { return true }
        if n < 0 { return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR }
        return false
    }
}

final class SocketServer: @unchecked Sendable {
    let port: UInt16
    private let listenFD: Int32
    private let handler: @Sendable (HTTPRequest, ResponseChannel) -> Void
    /// Set for an HTTPS server: each connection does a TLS handshake first.
    private let tls: TLSServerContext?
    private let lock = NSLock()
    private var connections: Set<Int32> = []
    private var stopped = false

    static let maxHeaderBytes = 64 * 1024
    static let maxBodyBytes = 16 * 1024 * 1024
    static let maxConnections = 512
    static let maxRequestsPerConnection = 1_000_000
    static let idleTimeoutSeconds = 30

    private init(listenFD: Int32, port: UInt16, tls: TLSServerContext?, handler: @escaping @Sendable (HTTPRequest, ResponseChannel) -> Void) {
        self.listenFD = listenFD
        self.port = port
        self.tls = tls
        self.handler = handler
    }

    /// Binds 127.0.0.1:`port` (0 = ephemeral) and starts accepting.
    static func start(port: UInt16, tls: StandInTLS? = nil, handler: @escaping @Sendable (HTTPRequest, ResponseChannel) -> Void) throws -> SocketServer {
        let tlsContext = try tls.map(TLSServerContext.init)
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw SocketServerError.system("socket", errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { let e = errno; close(fd); throw SocketServerError.system("bind 127.0.0.1:\(port)", e) }
        guard listen(fd, 128) == 0 else { let e = errno; close(fd); throw SocketServerError.system("listen", e) }
        var actual = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        let server = SocketServer(listenFD: fd, port: UInt16(bigEndian: actual.sin_port), tls: tlsContext, handler: handler)
        let thread = Thread { server.acceptLoop() }
        thread.name = "KubeStandIn.accept"
        thread.start()
        return server
    }

    /// Stops accepting and cuts every open connection (which also ends streaming watches).
    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        let open = connections
        lock.unlock()
        if wasStopped { return }
        // close() does not wake a thread blocked in accept() on Linux; shutdown() does.
        shutdown(listenFD, Int32(SHUT_RDWR))
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    private func acceptLoop() {
        defer { close(listenFD) }
        while !isStopped {
            let conn = accept(listenFD, nil, nil)
            if conn < 0 {
                if errno == EINTR { continue }
                return
            }
            lock.lock()
            let refuse = stopped || connections.count >= Self.maxConnections
            if !refuse { connections.insert(conn) }
            lock.unlock()
            if refuse { close(conn); continue }
            var one: Int32 = 1
            setsockopt(conn, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            var tv = timeval(tv_sec: Self.idleTimeoutSeconds, tv_usec: 0)
            setsockopt(conn, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            let thread = Thread { [self] in self.serve(conn) }
            thread.name = "KubeStandIn.conn"
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        var io: ConnectionIO?
        defer {
            io?.close()
            lock.lock(); connections.remove(fd); lock.unlock()
            close(fd)
        }
        if let tls {
            guard let ssl = tls.accept(fd) else { return }  // failed handshake: drop the connection
            io = ConnectionIO(fd: fd, tls: tls, ssl: ssl)
        } else {
            io = ConnectionIO(fd: fd)
        }
        guard let io else { return }
        var reader = SocketReader(io: io)
        for _ in 0..<Self.maxRequestsPerConnection {
            if isStopped { return }
            guard let request = readRequest(&reader, fd: fd) else { return }
            let channel = ResponseChannel(io: io)
            handler(request, channel)
            if channel.aborted || request.header("connection")?.lowercased() == "close" { return }
        }
    }

    private func readRequest(_ reader: inout SocketReader, fd: Int32) -> HTTPRequest? {
        guard let head = reader.readUntilBlankLine(limit: Self.maxHeaderBytes) else { return nil }
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["expect"]?.lowercased() == "100-continue" {
            _ = ResponseChannel(io: reader.io).writeAll(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        var body = Data()
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            guard let chunked = reader.readChunkedBody(limit: Self.maxBodyBytes) else { return nil }
            body = chunked
        } else if let lengthText = headers["content-length"], let length = Int(lengthText), length > 0 {
            guard length <= Self.maxBodyBytes, let bytes = reader.readExactly(length) else { return nil }
            body = bytes
        }
        let (path, query) = HTTPRequest.splitTarget(String(requestLine[1]))
        return HTTPRequest(method: String(requestLine[0]).uppercased(), path: path, query: query,
                           headers: headers, body: body)
    }
}

/// Buffered reads from one socket; every read is bounded by the socket's idle timeout.
struct SocketReader {
    let io: ConnectionIO
    private var buffer = Data()

    init(io: ConnectionIO) { self.io = io }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { io.read($0.baseAddress, $0.count) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return true }
            if n < 0 && errno == EINTR { continue }
            return false
        }
    }

    mutating func readUntilBlankLine(limit: Int) -> Data? {
        let marker = Data("\r\n\r\n".utf8)
        while true {
            if let range = buffer.range(of: marker) {
                let head = buffer.subdata(in: buffer.startIndex..<range.lowerBound)
                buffer = buffer.subdata(in: range.upperBound..<buffer.endIndex)
                return head
            }
            if buffer.count > limit || !fill() { return nil }
        }
    }

    mutating func readLine(limit: Int) -> String? {
        let marker = Data("\r\n".utf8)
        while true {
            if let range = buffer.range(of: marker) {
                let line = buffer.subdata(in: buffer.startIndex..<range.lowerBound)
                buffer = buffer.subdata(in: range.upperBound..<buffer.endIndex)
                return String(decoding: line, as: UTF8.self)
            }
            if buffer.count > limit || !fill() { return nil }
        }
    }

    mutating func readExactly(_ count: Int) -> Data? {
        while buffer.count < count { if !fill() { return nil } }
        let out = buffer.subdata(in: buffer.startIndex..<(buffer.startIndex + count))
        buffer = buffer.subdata(in: (buffer.startIndex + count)..<buffer.endIndex)
        return out
    }

    mutating func readChunkedBody(limit: Int) -> Data? {
        var body = Data()
        for _ in 0..<100_000 {
            guard let sizeLine = readLine(limit: 1024),
                  let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else { return nil }
            if size == 0 {
                while let trailer = readLine(limit: 8192), !trailer.isEmpty {}
                return body
            }
            guard body.count + size <= limit, let chunk = readExactly(size), readLine(limit: 2) != nil else { return nil }
            body.append(chunk)
        }
        return nil
    }
}

/// Writes one response to a connection: whole, or as a chunked stream.
final class ResponseChannel: @unchecked Sendable {
    let io: ConnectionIO
    var fd: Int32 { io.fd }
    private(set) var aborted = false

    init(io: ConnectionIO) { self.io = io }

    func writeAll(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            var sent = 0
            while sent < raw.count {
                let n = io.write(base + sent, raw.count - sent)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                sent += n
            }
            return true
        }
    }

    private func head(_ status: Int, _ headers: [(String, String)]) -> Data {
        var text = "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(status))\r\n"
        text += "Cache-Control: no-cache, private\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Data(text.utf8)
    }

    @discardableResult
    func send(_ response: HTTPResponse) -> Bool {
        var data = head(response.status, response.headers + [("Content-Length", String(response.body.count))])
        data.append(Data("\r\n".utf8))
        data.append(response.body)
        return writeAll(data)
    }

    func beginChunked(status: Int, headers: [(String, String)]) -> Bool {
        var data = head(status, headers + [("Transfer-Encoding", "chunked")])
        data.append(Data("\r\n".utf8))
        return writeAll(data)
    }

    func writeChunk(_ payload: Data) -> Bool {
        guard !payload.isEmpty else { return true }
        var data = Data((String(payload.count, radix: 16) + "\r\n").utf8)
        data.append(payload)
        data.append(Data("\r\n".utf8))
        return writeAll(data)
    }

    func endChunked() -> Bool { writeAll(Data("0\r\n\r\n".utf8)) }

    /// Whether the client has gone away (checked without blocking), so an idle watch can end.
    func peerClosed() -> Bool { io.peerClosed() }

    /// Cuts the connection without finishing the response: what a dropped watch looks like.
    func abort() {
        aborted = true
        shutdown(fd, Int32(SHUT_RDWR))
    }
}
