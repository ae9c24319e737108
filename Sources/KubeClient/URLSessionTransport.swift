// One HTTP exchange over Foundation's URLSession: plain http (loopback, `kubectl proxy`) and
// https with the system trust store. Takes: method, URL, headers, body, timeout. Gives: status,
// lower-cased headers, body; or `.transport` with a message that holds no header values.
// Cost: one request. See /work/shared/spec/swift-linux.md §1–2 for what URLSession on Linux can do.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

struct HTTPExchange: Sendable {
    var method: String
    var url: URL
    var headers: [String: String]
    var body: Data?
    var timeout: Double

    var urlRequest: URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        request.timeoutInterval = timeout
        request.cachePolicy = .reloadIgnoringLocalCacheData
        return request
    }
}

struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
}

final class URLSessionTransport: Sendable {
    let session: URLSession

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
    }

    static func streamConfiguration(idleTimeout: Double) -> URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.timeoutIntervalForRequest = idleTimeout
        return configuration
    }

    func send(_ exchange: HTTPExchange) async throws -> HTTPAnswer {
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await session.data(for: exchange.urlRequest)
        } catch {
            throw KubeClientError.transport("\(exchange.method) \(exchange.url.path): \(Self.describe(error))")
        }
        guard let http = response as? HTTPURLResponse else {
            throw KubeClientError.transport("\(exchange.method) \(exchange.url.path): not an HTTP response")
        }
        return HTTPAnswer(status: http.statusCode, headers: Self.headers(of: http), body: data)
    }

    static func headers(of response: HTTPURLResponse) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in response.allHeaderFields {
            if let k = key as? String, let v = value as? String { out[k.lowercased()] = v }
        }
        return out
    }

    /// An error's code and text; URLError texts carry at most the URL, never headers.
    static func describe(_ error: any Error) -> String {
        if let urlError = error as? URLError { return "URLError \(urlError.code.rawValue): \(urlError.localizedDescription)" }
        return String(describing: error)
    }
}
