// HTTPS for the stand-in, so tests exercise the same TLS set-ups real clusters use: a server
// certificate signed by a test CA, and optionally a required client certificate (mTLS).
// OpenSSL 3 is loaded with dlopen (libssl.so.3 is present wherever libcurl is, which
// FoundationNetworking links; shared/spec/swift-linux.md §2c). Every call used is
// non-variadic. Takes: PEM files made at test time (e.g. with the `openssl` CLI). Gives: a
// context that wraps accepted sockets. Cost: one handshake per connection.
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The certificate files of an HTTPS stand-in.
public struct StandInTLS: Sendable, Hashable {
    public var certificatePath: String
    public var keyPath: String
    /// When set, clients must present a certificate signed by this CA (the handshake fails otherwise).
    public var clientCAPath: String?

    public init(certificatePath: String, keyPath: String, clientCAPath: String? = nil) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.clientCAPath = clientCAPath
    }
}

/// The loaded OpenSSL functions and one server context.
final class TLSServerContext: @unchecked Sendable {
    // Function pointers and the SSL_CTX are set once in init, hence @unchecked Sendable.
    private let sslNew: @convention(c) (OpaquePointer?) -> OpaquePointer?
    private let sslSetFD: @convention(c) (OpaquePointer?, Int32) -> Int32
    private let sslAccept: @convention(c) (OpaquePointer?) -> Int32
    let sslRead: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Int32
    let sslWrite: @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32) -> Int32
    let sslPending: @convention(c) (OpaquePointer?) -> Int32
    let sslFree: @convention(c) (OpaquePointer?) -> Void
    let sslShutdown: @convention(c) (OpaquePointer?) -> Int32
    private let context: OpaquePointer

    init(_ settings: StandInTLS) throws {
        guard let handle = dlopen("libssl.so.3", RTLD_NOW) ?? dlopen("libssl.so", RTLD_NOW) else {
            throw SocketServerError.message("cannot load libssl.so.3 for the HTTPS stand-in (install libssl3)")
        }
        func symbol<T>(_ name: String, _ type: T.Type) throws -> T {
            guard let pointer = dlsym(handle, name) else { throw SocketServerError.message("libssl has no \(name)") }
            return unsafeBitCast(pointer, to: type)
        }
        let method = try symbol("TLS_server_method", (@convention(c) () -> OpaquePointer?).self)
        let ctxNew = try symbol("SSL_CTX_new", (@convention(c) (OpaquePointer?) -> OpaquePointer?).self)
        let useChain = try symbol("SSL_CTX_use_certificate_chain_file", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32).self)
        let useKey = try symbol("SSL_CTX_use_PrivateKey_file", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32).self)
        let loadVerify = try symbol("SSL_CTX_load_verify_locations", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self)
        let setVerify = try symbol("SSL_CTX_set_verify", (@convention(c) (OpaquePointer?, Int32, OpaquePointer?) -> Void).self)
        sslNew = try symbol("SSL_new", (@convention(c) (OpaquePointer?) -> OpaquePointer?).self)
        sslSetFD = try symbol("SSL_set_fd", (@convention(c) (OpaquePointer?, Int32) -> Int32).self)
        sslAccept = try symbol("SSL_accept", (@convention(c) (OpaquePointer?) -> Int32).self)
        sslRead = try symbol("SSL_read", (@convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Int32).self)
        sslWrite = try symbol("SSL_write", (@convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32) -> Int32).self)
        sslPending = try symbol("SSL_pending", (@convention(c) (OpaquePointer?) -> Int32).self)
        sslFree = try symbol("SSL_free", (@convention(c) (OpaquePointer?) -> Void).self)
        sslShutdown = try symbol("SSL_shutdown", (@convention(c) (OpaquePointer?) -> Int32).self)

        // OpenSSL writes with write(2), not send(MSG_NOSIGNAL): a client that hangs up would
        // raise SIGPIPE and kill the process. Ignore it, as servers do; writes then fail with EPIPE.
        signal(SIGPIPE, SIG_IGN)
        guard let ctx = ctxNew(method()) else { throw SocketServerError.message("SSL_CTX_new failed") }
        guard useChain(ctx, settings.certificatePath) == 1 else {
            throw SocketServerError.message("cannot use \(settings.certificatePath) as the stand-in's certificate (not PEM?)")
        }
        guard useKey(ctx, settings.keyPath, 1 /* SSL_FILETYPE_PEM */) == 1 else {
            throw SocketServerError.message("cannot use \(settings.keyPath) as the stand-in's key (not PEM, or not the certificate's key?)")
        }
        if let ca = settings.clientCAPath {
            guard loadVerify(ctx, ca, nil) == 1 else { throw SocketServerError.message("cannot load client CA \(ca)") }
            setVerify(ctx, 3 /* SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT */, nil)
        }
        context = ctx
    }

    /// Runs the server side of a handshake on an accepted socket; nil when it fails (a client
    /// without the required certificate, or one that does not trust our CA).
    func accept(_ fd: Int32) -> OpaquePointer? {
        guard let ssl = sslNew(context) else { return nil }
        guard sslSetFD(ssl, fd) == 1, sslAccept(ssl) == 1 else {
            sslFree(ssl)
            return nil
        }
        return ssl
    }
}
