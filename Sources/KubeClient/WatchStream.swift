// A watch request streamed through a URLSession delegate into an AsyncThrowingStream.
// Takes: the prepared request. Gives: events as the server sends them (each chunk arrives as
// sent, swift-linux.md §1). The stream finishes normally when the server ends the response
// (timeoutSeconds), throws `.gone` for a 410 (HTTP status or ERROR event), `.api` for other
// errors, and `.watchDropped` when the connection breaks mid-stream. Cancelling the consumer
// cancels the request. Cost: one URLSession (and connection) per watch.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

final class WatchStreamDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var splitter = LineSplitter()
    private var status = 0
    private var retryAfter: String?
    private var errorBody = Data()
    private var finished = false
    private let continuation: AsyncThrowingStream<WatchEvent, any Error>.Continuation
    private let scrub: @Sendable (String) -> String

    init(continuation: AsyncThrowingStream<WatchEvent, any Error>.Continuation, scrub: @escaping @Sendable (String) -> String) {
        self.continuation = continuation
        self.scrub = scrub
    }

    private func finish(_ error: (any Error)?) {
        lock.lock()
        let first = !finished
        finished = true
        lock.unlock()
        guard first else { return }
        if let error { continuation.finish(throwing: error) } else { continuation.finish() }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        lock.lock()
        if let http = response as? HTTPURLResponse {
            status = http.statusCode
            retryAfter = URLSessionTransport.headers(of: http)["retry-after"]
        }
        lock.unlock()
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        if finished { lock.unlock(); return }
        if status != 200 {
            if errorBody.count < 1 << 20 { errorBody.append(data) }
            lock.unlock()
            return
        }
        let lines: [Data]
        do { lines = try splitter.feed(data) } catch { lock.unlock(); finish(error); dataTask.cancel(); return }
        lock.unlock()
        for line in lines {
            do {
                continuation.yield(try WatchEvent.parse(line: line))
            } catch {
                finish(error)
                dataTask.cancel()
                return
            }
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        let status = self.status
        let body = errorBody
        let retryAfter = self.retryAfter
        let rest = splitter.flush()
        lock.unlock()
        if let error {
            finish(KubeClientError.watchDropped(scrub(URLSessionTransport.describe(error))))
            return
        }
        if status != 200 {
            let apiError = KubeAPIError(httpStatus: status, body: body, retryAfterHeader: retryAfter)
            finish(apiError.code == 410 ? KubeClientError.gone(apiError) : KubeClientError.api(apiError))
            return
        }
        if let rest {
            do { continuation.yield(try WatchEvent.parse(line: rest)) } catch { finish(error); return }
        }
        finish(nil)
    }
}

enum WatchStream {
    static func open(_ exchange: HTTPExchange, idleTimeout: Double, scrub: @escaping @Sendable (String) -> String) -> AsyncThrowingStream<WatchEvent, any Error> {
        AsyncThrowingStream(bufferingPolicy: .unbounded) { continuation in
            let delegate = WatchStreamDelegate(continuation: continuation, scrub: scrub)
            let session = URLSession(configuration: URLSessionTransport.streamConfiguration(idleTimeout: idleTimeout),
                                     delegate: delegate, delegateQueue: nil)
            var request = exchange.urlRequest
            request.timeoutInterval = idleTimeout
            let task = session.dataTask(with: request)
            continuation.onTermination = { _ in
                task.cancel()
                session.invalidateAndCancel()
            }
            task.resume()
        }
    }
}
