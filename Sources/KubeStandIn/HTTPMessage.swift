// The HTTP/1.1 request and response values the stand-in's socket server exchanges with its
// API handler. Takes: raw header/body bytes (parsed by `SocketServer`). Gives: method, path,
// decoded query parameters, headers (lower-cased names), body. Cost: linear in the request.
import Foundation

struct HTTPRequest: Sendable {
    var method: String
    /// The path without the query, percent-decoded.
    var path: String
    /// Query parameters in the order sent; `+` reads as a space, as Go's `url.ParseQuery` does.
    var query: [(String, String)]
    /// Header names lower-cased.
    var headers: [String: String]
    var body: Data

    func queryValue(_ name: String) -> String? { query.last(where: { $0.0 == name })?.1 }
    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Splits a request target ("/a/b?x=1&y") into path and query.
    static func splitTarget(_ target: String) -> (path: String, query: [(String, String)]) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = percentDecode(String(parts.first ?? ""), plusIsSpace: false)
        var query: [(String, String)] = []
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") where !pair.isEmpty {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = percentDecode(String(kv[0]), plusIsSpace: true)
                let value = kv.count > 1 ? percentDecode(String(kv[1]), plusIsSpace: true) : ""
                query.append((key, value))
            }
        }
        return (path, query)
    }

    static func percentDecode(_ s: String, plusIsSpace: Bool) -> String {
        let text = plusIsSpace ? s.replacingOccurrences(of: "+", with: " ") : s
        return text.removingPercentEncoding ?? text
    }
}

struct HTTPResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: Data = Data()

    static func json(_ status: Int, _ value: JSON, extraHeaders: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")] + extraHeaders,
                     body: value.encoded())
    }

    /// The standard reason phrase, as Go's net/http writes it.
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 201: return "Created"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status \(status)"
        }
    }
}
