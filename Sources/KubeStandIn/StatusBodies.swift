// The `Status` objects the real API server sends with every error, in the exact shapes of
// /work/shared/spec/kube-apiserver-transcripts/ (file numbers cited per builder).
// Takes: what went wrong. Gives: an HTTP response carrying the Status. Cost: O(1).

struct StatusCause: Sendable {
    var reason: String   // FieldValueInvalid, FieldValueRequired, FieldValueForbidden, ...
    var message: String
    var field: String
}

enum StatusBody {
    static func failure(code: Int, reason: String, message: String, details: JSON? = nil,
                        metadata: JSON = .object([:]), headers: [(String, String)] = []) -> HTTPResponse {
        var body: JSON = [
            "kind": "Status", "apiVersion": "v1", "metadata": metadata, "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
        ]
        if let details { body["details"] = details }
        return .json(code, body, extraHeaders: headers)
    }

    static func details(name: String?, kind: String, group: String = "", uid: String? = nil,
                        causes: [StatusCause] = []) -> JSON {
        var d: JSON = ["kind": .string(kind)]
        if let name { d["name"] = .string(name) }
        if !group.isEmpty { d["group"] = .string(group) }
        if let uid { d["uid"] = .string(uid) }
        if !causes.isEmpty {
            d["causes"] = .array(causes.map {
                ["reason": .string($0.reason), "message": .string($0.message), "field": .string($0.field)]
            })
        }
        return d
    }

    /// 404 (transcripts 19, 20).
    static func notFound(_ r: ResourceInfo, name: String) -> HTTPResponse {
        failure(code: 404, reason: "NotFound", message: "\(r.plural)\(groupSuffix(r)) \"\(name)\" not found",
                details: details(name: name, kind: r.plural, group: r.group))
    }

    /// 409 AlreadyExists (transcript 05); an object still being deleted (a Terminating
    /// namespace) says so first, as the real server does (felix-live.md §8.1).
    static func alreadyExists(_ r: ResourceInfo, name: String, beingDeleted: Bool = false) -> HTTPResponse {
        let message = "\(r.plural)\(groupSuffix(r)) \"\(name)\" already exists"
        return failure(code: 409, reason: "AlreadyExists", message: beingDeleted ? "object is being deleted: " + message : message,
                       details: details(name: name, kind: r.plural, group: r.group))
    }

    /// 403 for new content in a Terminating namespace, with the `NamespaceTerminating` cause
    /// (kubernetes/kubernetes plugin/pkg/admission/namespace/lifecycle; felix-live.md §8.1).
    static func namespaceTerminating(_ r: ResourceInfo, name: String, namespace: String) -> HTTPResponse {
        var d = details(name: name, kind: r.plural, group: r.group)
        d["causes"] = [["reason": "NamespaceTerminating", "message": .string("namespace \(namespace) is being terminated"),
                        "field": "metadata.namespace"]]
        return failure(code: 403, reason: "Forbidden",
                       message: "\(r.plural)\(groupSuffix(r)) \"\(name)\" is forbidden: unable to create new content in namespace \(namespace) because it is being terminated",
                       details: d)
    }

    /// 409 Conflict on a stale resourceVersion (transcripts 14, 15).
    static func conflict(_ r: ResourceInfo, name: String, detail: String? = nil) -> HTTPResponse {
        let why = detail ?? "the object has been modified; please apply your changes to the latest version and try again"
        return failure(code: 409, reason: "Conflict",
                       message: "Operation cannot be fulfilled on \(r.plural)\(groupSuffix(r)) \"\(name)\": \(why)",
                       details: details(name: name, kind: r.plural, group: r.group))
    }

    /// 422 Invalid with causes (transcripts 16, 17, 18, 24).
    static func invalid(_ r: ResourceInfo, name: String, causes: [StatusCause]) -> HTTPResponse {
        let summary = causes.map { "\($0.field): \($0.message)" }.joined(separator: ", ")
        let qualified = r.group.isEmpty ? r.kind : "\(r.kind).\(r.group)"
        return failure(code: 422, reason: "Invalid", message: "\(qualified) \"\(name)\" is invalid: \(summary)",
                       details: details(name: name, kind: r.kind, group: r.group, causes: causes))
    }

    /// 400 BadRequest, with no details (transcripts 21, 22).
    static func badRequest(_ message: String) -> HTTPResponse {
        failure(code: 400, reason: "BadRequest", message: message)
    }

    /// 403 Forbidden (transcript 07: ServiceAccount admission).
    static func forbidden(_ r: ResourceInfo, name: String?, message: String) -> HTTPResponse {
        failure(code: 403, reason: "Forbidden", message: message, details: details(name: name, kind: r.plural, group: r.group))
    }

    /// 401 (transcript 39).
    static func unauthorized() -> HTTPResponse {
        failure(code: 401, reason: "Unauthorized", message: "Unauthorized")
    }

    /// 410 Expired for a list or a continue token (transcripts 50, 51).
    static func expired(_ message: String, continueToken: String? = nil) -> HTTPResponse {
        var meta: JSON = .object([:])
        if let continueToken { meta["continue"] = .string(continueToken) }
        return failure(code: 410, reason: "Expired", message: message, metadata: meta)
    }

    /// The Status object of a watch ERROR event for a too-old resourceVersion (transcripts 60–62).
    static func expiredWatchObject(requested: String, oldest: Int64) -> JSON {
        ["kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Failure",
         "message": .string("too old resource version: \(requested) (\(oldest))"), "reason": "Expired", "code": 410]
    }

    static func tooManyRequests(retryAfterSeconds: Int) -> HTTPResponse {
        failure(code: 429, reason: "TooManyRequests", message: "Too many requests, please try again later.",
                details: ["retryAfterSeconds": .int(Int64(retryAfterSeconds))],
                headers: [("Retry-After", String(retryAfterSeconds))])
    }

    static func internalError(_ message: String) -> HTTPResponse {
        failure(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)",
                details: ["causes": [["message": .string(message)]]])
    }

    static func methodNotAllowed() -> HTTPResponse {
        failure(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource")
    }

    static func unsupportedMediaType(_ type: String) -> HTTPResponse {
        failure(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got \(type); the stand-in serves merge patch only)")
    }

    /// The success Status a DELETE of most kinds returns (transcripts 55, 56).
    static func deleted(_ r: ResourceInfo, name: String, uid: String?) -> HTTPResponse {
        .json(200, ["kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Success",
                    "details": details(name: name, kind: r.plural, group: r.group, uid: uid)])
    }

    private static func groupSuffix(_ r: ResourceInfo) -> String { r.group.isEmpty ? "" : ".\(r.group)" }
}
