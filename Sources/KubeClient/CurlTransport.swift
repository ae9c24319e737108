// HTTPS through libcurl (CurlLibrary): requests and streaming watches, with the TLS material
// of a kubeconfig (CA, client certificate and key, as files or in-memory PEM) and bearer
// tokens in a header. Takes: an HTTPExchange. Gives: status, lower-cased headers, body; or,
// for a watch, events as they arrive. Every transfer runs on a dedicated Thread, because
// curl_easy_perform blocks for the whole transfer (a watch: for its life); nothing blocks the
// Swift concurrency pool. A watch is cancelled through the progress callback, which libcurl
// calls about once a second even when no data flows (swift-linux.md §2b), so cancelling takes
// at most about a second. Error texts never carry header values (the token).
#if canImport(Glibc)
import Glibc
#endif
import Foundation

final class CurlTransport: HTTPTransport {
    let library: CurlLibrary
    let tls: TLSSettings

    init(tls: TLSSettings) throws {
        switch CurlLibrary.shared {
        case .success(let library): self.library = library
        case .failure(let error): throw error
        }
        self.tls = tls
    }

    func send(_ exchange: HTTPExchange) async throws -> HTTPAnswer {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPAnswer, any Error>) in
            let transfer = CurlTransfer()
            let thread = Thread { [self] in
                let rc = perform(exchange, transfer, idleTimeout: nil)
                if rc != 0 {
                    continuation.resume(throwing: KubeClientError.transport("\(exchange.method) \(exchange.url.path): \(describe(rc))"))
                } else {
                    continuation.resume(returning: HTTPAnswer(status: transfer.status, headers: transfer.headers, body: transfer.body))
                }
            }
            thread.name = "k8sfv-curl-request"
            thread.start()
        }
    }

    func watch(_ exchange: HTTPExchange, idleTimeout: Double, scrub: @escaping @Sendable (String) -> String)
        -> AsyncThrowingStream<WatchEvent, any Error> {
        AsyncThrowingStream(bufferingPolicy: .unbounded) { continuation in
            let transfer = CurlTransfer()
            // Runs on the transfer's own thread only.
            transfer.onChunk = { data in
                if transfer.status != 200 {
                    if transfer.body.count < 1 << 20 { transfer.body.append(data) }
                    return true
                }
                do {
                    for line in try transfer.splitter.feed(data) { continuation.yield(try WatchEvent.parse(line: line)) }
                    return true
                } catch {
                    transfer.failed = true
                    continuation.finish(throwing: error)
                    return false
                }
            }
            continuation.onTermination = { _ in transfer.cancel() }
            let thread = Thread { [self] in
                let rc = perform(exchange, transfer, idleTimeout: idleTimeout)
                if transfer.failed || transfer.isCancelled { continuation.finish(); return }
                if rc != 0 {
                    continuation.finish(throwing: KubeClientError.watchDropped(scrub(describe(rc))))
                    return
                }
                if transfer.status != 200 {
                    let apiError = KubeAPIError(httpStatus: transfer.status, body: transfer.body, retryAfterHeader: transfer.headers["retry-after"])
                    continuation.finish(throwing: apiError.code == 410 ? KubeClientError.gone(apiError) : KubeClientError.api(apiError))
                    return
                }
                if let rest = transfer.splitter.flush() {
                    do { continuation.yield(try WatchEvent.parse(line: rest)) } catch { continuation.finish(throwing: error); return }
                }
                continuation.finish()
            }
            thread.name = "k8sfv-curl-watch"
            thread.start()
        }
    }

    /// libcurl's message for a result code, with what to do about the usual TLS failures.
    func describe(_ rc: Int32) -> String {
        let text = "\(library.message(rc)) (curl \(rc))"
        switch rc {
        case 60:  // CURLE_PEER_FAILED_VERIFICATION
            return text + "; the server's certificate is not signed by a CA k8sfv trusts: use the kubeconfig that came with the cluster (its certificate-authority-data), or --certificate-authority FILE with --server"
        case 77:  // CURLE_SSL_CACERT_BADFILE
            return text + "; the CA certificate (certificate-authority / -data) is not a readable PEM file"
        case 58:  // CURLE_SSL_CERTPROBLEM
            return text + "; the client certificate or key (client-certificate / client-key, or their -data) is not valid PEM, or they do not match"
        case 55, 56, 35:  // CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_SSL_CONNECT_ERROR (with TLS 1.3 a
            // refused client certificate shows on the first send or receive after the handshake)
            return text + "; if the server requires a client certificate, check the kubeconfig user's client-certificate-data and client-key-data"
        default:
            return text
        }
    }

    /// One blocking transfer; returns libcurl's result code.
    private func perform(_ exchange: HTTPExchange, _ transfer: CurlTransfer, idleTimeout: Double?) -> Int32 {
        let curl = library
        guard let easy = curl.easyInit() else { return 2 }  // CURLE_FAILED_INIT
        var headerList: OpaquePointer?
        var temporaryFiles: [String] = []
        let context = Unmanaged.passRetained(transfer)
        defer {
            curl.easyCleanup(easy)
            curl.slistFreeAll(headerList)
            context.release()
            for path in temporaryFiles { unlink(path) }
        }
        func string(_ option: CurlOption, _ value: String) -> Int32 {
            value.withCString { curl.setoptPointer(easy, option.rawValue, $0) }  // libcurl copies strings
        }
        func number(_ option: CurlOption, _ value: Int) -> Int32 { curl.setoptLong(easy, option.rawValue, value) }
        func pointer(_ option: CurlOption, _ value: UnsafeRawPointer?) -> Int32 { curl.setoptPointer(easy, option.rawValue, value) }
        /// In-memory PEM as a blob; where libcurl refuses blobs (not an OpenSSL build), a 0600 file.
        func pem(_ blobOption: CurlOption, _ fileOption: CurlOption, _ data: Data) -> Int32 {
            var bytes = [UInt8](data)
            let rc = bytes.withUnsafeMutableBytes { raw -> Int32 in
                var blob = CurlBlob(data: raw.baseAddress, length: raw.count, flags: CurlBlob.copy)
                return withUnsafePointer(to: &blob) { pointer(blobOption, UnsafeRawPointer($0)) }
            }
            guard rc != 0 else { return 0 }
            let path = NSTemporaryDirectory() + "k8sfv-tls-\(getpid())-\(UUID().uuidString).pem"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return rc }
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            temporaryFiles.append(path)
            return string(fileOption, path)
        }

        var rc: Int32 = 0
        func check(_ result: Int32) { if rc == 0 && result != 0 { rc = result } }
        check(string(.url, exchange.url.absoluteString))
        check(number(.noSignal, 1))  // required with threads
        check(string(.noProxy, "127.0.0.1,localhost,::1"))  // loopback is never proxied
        check(string(.customRequest, exchange.method))
        if let body = exchange.body {
            check(number(.postFieldSize, body.count))
            check(body.withUnsafeBytes { pointer(.copyPostFields, $0.baseAddress) })
        } else if exchange.method == "GET" {
            check(number(.httpGet, 1))
        }
        for (name, value) in exchange.headers.sorted(by: { $0.key < $1.key }) {
            headerList = curl.slistAppend(headerList, "\(name): \(value)")
        }
        headerList = curl.slistAppend(headerList, "Expect:")  // no 100-continue round trip
        check(pointer(.httpHeader, UnsafeRawPointer(headerList)))

        // TLS: the kubeconfig's CA, client certificate and key; or no verification at all.
        if tls.insecureSkipVerify {
            check(number(.sslVerifyPeer, 0))
            check(number(.sslVerifyHost, 0))
        }
        if let data = tls.certificateAuthority { check(pem(.caInfoBlob, .caInfo, data)) }
        else if let path = tls.certificateAuthorityPath { check(string(.caInfo, path)) }
        if let data = tls.clientCertificate { check(pem(.sslCertBlob, .sslCert, data)) }
        else if let path = tls.clientCertificatePath { check(string(.sslCert, path)) }
        if let key = tls.clientKey { check(pem(.sslKeyBlob, .sslKey, Data(key.revealed.utf8))) }
        else if let path = tls.clientKeyPath { check(string(.sslKey, path)) }

        // Time limits: a request has a total deadline; a watch only an idle one (no bytes
        // for idleTimeout seconds), since it is meant to last.
        check(number(.connectTimeoutMS, Int(min(exchange.timeout, 30) * 1000)))
        if let idleTimeout {
            check(number(.lowSpeedLimit, 1))
            check(number(.lowSpeedTime, max(1, Int(idleTimeout))))
        } else {
            check(number(.timeoutMS, Int(exchange.timeout * 1000)))
        }

        check(pointer(.writeFunction, unsafeBitCast(curlWrite, to: UnsafeRawPointer.self)))
        check(pointer(.writeData, context.toOpaque()))
        check(pointer(.headerFunction, unsafeBitCast(curlHeader, to: UnsafeRawPointer.self)))
        check(pointer(.headerData, context.toOpaque()))
        check(number(.noProgress, 0))
        check(pointer(.xferInfoFunction, unsafeBitCast(curlProgress, to: UnsafeRawPointer.self)))
        check(pointer(.xferInfoData, context.toOpaque()))
        guard rc == 0 else { return rc }
        return curl.easyPerform(easy)
    }
}

/// The state of one transfer, shared between its thread and whoever cancels it.
final class CurlTransfer: @unchecked Sendable {
    // `status`, `headers`, `body`, `onChunk` are touched only by the transfer's thread (and
    // read after it ends); `cancelled` is guarded by `lock`.
    var status = 0
    var headers: [String: String] = [:]
    var body = Data()
    /// For watches: gets each chunk; returns false to abort the transfer.
    var onChunk: ((Data) -> Bool)?
    /// For watches: the bytes of a line not yet complete, and whether a line failed to parse.
    var splitter = LineSplitter()
    var failed = false
    private let lock = NSLock()
    private var cancelled = false

    var isCancelled: Bool { lock.withLock { cancelled } }
    func cancel() { lock.withLock { cancelled = true } }

    func receive(_ data: Data) -> Bool {
        if isCancelled { return false }
        if let onChunk { return onChunk(data) }
        body.append(data)
        return true
    }

    /// One header line: a status line starts a new response (after 100 Continue or a redirect).
    func header(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            let parts = trimmed.split(separator: " ")
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = [:]
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = trimmed[..<colon].lowercased()
            headers[name] = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }
}

private let curlWrite: CurlWriteCallback = { bytes, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard length > 0, let bytes else { return 0 }
    return transfer.receive(Data(bytes: bytes, count: length)) ? length : 0
}

private let curlHeader: CurlWriteCallback = { bytes, size, count, context in
    guard let context, let bytes else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let line = String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    transfer.header(line)
    return length
}

private let curlProgress: CurlXferInfoCallback = { context, _, _, _, _ in
    guard let context else { return 0 }
    return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
}
