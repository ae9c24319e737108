// The API server's `Status` body as a typed error.
// Takes: the HTTP status code and body of a non-2xx answer (or a watch ERROR event).
// Gives: code, reason, message and details with causes. Cost: one JSON parse.
// Shape: felix-live.md §5.3 and the transcripts (05, 14, 16, 18, 19, 21, 50, 60).
import Foundation

/// `Status.reason`, with every value k8sfv meets named and anything else kept verbatim.
public struct StatusReason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let badRequest = StatusReason(rawValue: "BadRequest")
    public static let unauthorized = StatusReason(rawValue: "Unauthorized")
    public static let forbidden = StatusReason(rawValue: "Forbidden")
    public static let notFound = StatusReason(rawValue: "NotFound")
    public static let alreadyExists = StatusReason(rawValue: "AlreadyExists")
    public static let conflict = StatusReason(rawValue: "Conflict")
    public static let gone = StatusReason(rawValue: "Gone")
    public static let expired = StatusReason(rawValue: "Expired")
    public static let invalid = StatusReason(rawValue: "Invalid")
    public static let unsupportedMediaType = StatusReason(rawValue: "UnsupportedMediaType")
    public static let tooManyRequests = StatusReason(rawValue: "TooManyRequests")
    public static let internalError = StatusReason(rawValue: "InternalError")
    public static let serviceUnavailable = StatusReason(rawValue: "ServiceUnavailable")
    public static let timeout = StatusReason(rawValue: "Timeout")
    public static let methodNotAllowed = StatusReason(rawValue: "MethodNotAllowed")
    public static let unknown = StatusReason(rawValue: "")
}

/// One entry of `details.causes`.
public struct StatusCause: Sendable, Hashable, Codable {
    public var field: String?
    public var reason: String?
    public var message: String?
    public init(field: String? = nil, reason: String? = nil, message: String? = nil) {
        self.field = field
        self.reason = reason
        self.message = message
    }
}

/// A failed API call, as the server described it.
public struct KubeAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var reason: StatusReason
    public var message: String
    public var name: String?
    public var kind: String?
    public var group: String?
    public var causes: [StatusCause]
    /// `Retry-After` in seconds, from the header or `details.retryAfterSeconds`.
    public var retryAfterSeconds: Double?

    public init(code: Int, reason: StatusReason, message: String, name: String? = nil, kind: String? = nil,
                group: String? = nil, causes: [StatusCause] = [], retryAfterSeconds: Double? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.name = name
        self.kind = kind
        self.group = group
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Reads a Status object; a body that is not one still gives a usable error.
    public init(httpStatus: Int, body: Data, retryAfterHeader: String? = nil) {
        let status = try? JSONValue.parseBody(body)
        if let status, status["kind"]?.stringValue == "Status" {
            self.init(status: status, fallbackCode: httpStatus)
        } else {
            let text = String(decoding: body.prefix(200), as: UTF8.self)
            self.init(code: httpStatus, reason: Self.defaultReason(httpStatus),
                      message: text.isEmpty ? "HTTP \(httpStatus)" : text)
        }
        if let header = retryAfterHeader, let seconds = Double(header.trimmingCharacters(in: .whitespaces)) {
            retryAfterSeconds = seconds
        }
    }

    /// Reads a Status object tree (also used for watch ERROR events).
    public init(status: JSONValue, fallbackCode: Int) {
        let code = status["code"]?.intValue.map(Int.init) ?? fallbackCode
        let details = status["details"]
        self.init(
            code: code,
            reason: status["reason"]?.stringValue.map(StatusReason.init(rawValue:)) ?? Self.defaultReason(code),
            message: status["message"]?.stringValue ?? "",
            name: details?["name"]?.stringValue,
            kind: details?["kind"]?.stringValue,
            group: details?["group"]?.stringValue,
            causes: (details?["causes"]?.arrayValue ?? []).map {
                StatusCause(field: $0["field"]?.stringValue, reason: $0["reason"]?.stringValue, message: $0["message"]?.stringValue)
            },
            retryAfterSeconds: details?["retryAfterSeconds"]?.intValue.map(Double.init))
    }

    static func defaultReason(_ code: Int) -> StatusReason {
        switch code {
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 409: return .conflict
        case 410: return .gone
        case 415: return .unsupportedMediaType
        case 422: return .invalid
        case 429: return .tooManyRequests
        case 503: return .serviceUnavailable
        case 504: return .timeout
        case 500...: return .internalError
        default: return .unknown
        }
    }

    public var description: String {
        var text = "API error \(code) \(reason.rawValue): \(message)"
        for cause in causes {
            text += "\n  cause: \(cause.field ?? "?"): \(cause.reason ?? "") \(cause.message ?? "")"
        }
        return text
    }
}
