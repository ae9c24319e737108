// The API server's request handling: authentication, injected faults, then one verb handler.
// Takes: a parsed HTTP request and its response channel. Gives: the answer the real
// kube-apiserver would give for the subset k8sfv uses. Cost: one store transaction per request;
// list and watch are linear in what they return.
import Foundation

final class APIHandler: @unchecked Sendable {
    let store: ObjectStore
    let faults: FaultInjector
    let options: StandInOptions
    /// Mutated only with the store lock held.
    var ids: IdentityGenerator

    init(options: StandInOptions, faults: FaultInjector) {
        self.options = options
        self.faults = faults
        store = ObjectStore(initialRV: options.initialResourceVersion, historyLimit: options.historyLimit)
        ids = IdentityGenerator(seed: options.idSeed)
    }

    func handle(_ request: HTTPRequest, _ channel: ResponseChannel) {
        if let token = options.bearerToken, request.header("authorization") != "Bearer \(token)" {
            channel.send(StatusBody.unauthorized())
            return
        }
        if request.method == "GET" && request.path == "/version" {
            channel.send(.json(200, Self.versionBody))
            return
        }
        if request.method == "GET" && ["/healthz", "/readyz", "/livez"].contains(request.path) {
            channel.send(HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Data("ok".utf8)))
            return
        }
        if request.method == "GET", let answer = Discovery.respond(path: request.path) {
            channel.send(answer)
            return
        }
        guard let path = APIPath.parse(request.path) else {
            channel.send(StatusBody.failure(code: 404, reason: "NotFound", message: "the server could not find the requested resource",
                                            details: ["causes": [["reason": "UnexpectedServerResponse", "message": "404 page not found"]]]))
            return
        }
        let isWatch = request.method == "GET" && ["1", "true"].contains(request.queryValue("watch") ?? "")
        let identity = request.method + " " + request.path + "?" + request.query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        if let delay = faults.slowDelay(identity: identity) { Thread.sleep(forTimeInterval: delay) }
        if isWatch {
            serveWatch(request, path, channel, identity: identity)
            return
        }
        let isWrite = ["PUT", "PATCH", "DELETE"].contains(request.method)
        switch faults.requestFault(identity: identity, isWrite: isWrite) {
        case .tooManyRequests(let seconds)?: channel.send(StatusBody.tooManyRequests(retryAfterSeconds: seconds)); return
        case .serverError?: channel.send(StatusBody.internalError("injected fault")); return
        case .conflict?: channel.send(StatusBody.conflict(path.resource, name: path.name ?? "")); return
        case nil: break
        }
        channel.send(respond(request, path))
    }

    private func respond(_ request: HTTPRequest, _ path: APIPath) -> HTTPResponse {
        if let sub = path.subresource, sub != "status" || path.resource.kind == "ServiceAccount" {
            return StatusBody.failure(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
        }
        switch (request.method, path.name) {
        case ("GET", nil): return list(request, path)
        case ("GET", let name?): return get(path, name: name)
        case ("POST", nil): return create(request, path)
        case ("PUT", let name?): return update(request, path, name: name)
        case ("PATCH", let name?): return patch(request, path, name: name)
        case ("DELETE", let name?): return delete(request, path, name: name)
        default: return StatusBody.methodNotAllowed()
        }
    }

    private func get(_ path: APIPath, name: String) -> HTTPResponse {
        let key = StoreKey(namespace: path.namespace ?? "", name: name)
        guard let object = store.locked({ store.get(path.resource, key) }) else {
            return StatusBody.notFound(path.resource, name: name)
        }
        return .json(200, object)
    }

    /// Parses a request body as a JSON object, answering 400 the way transcript 22 shows.
    func parseBody(_ request: HTTPRequest, _ r: ResourceInfo) -> Result<JSON, ErrorResponse> {
        let text = String(decoding: request.body, as: UTF8.self)
        guard let value = try? JSON.parse(request.body), case .object = value else {
            return .failure(ErrorResponse(StatusBody.badRequest("the object provided is unrecognized (must be of type \(r.kind)): couldn't get version/kind; json parse error: invalid JSON object (\(text.prefix(64)))")))
        }
        if let answer = CustomResourceBody.error(in: value, for: r, rawBody: text) {
            return .failure(ErrorResponse(answer))
        }
        if let kind = value["kind"]?.stringValue, kind != r.kind, kind != "DeleteOptions" {
            return .failure(ErrorResponse(StatusBody.badRequest("the object provided is unrecognized (must be of type \(r.kind)): object kind \(kind) does not match")))
        }
        return .success(value)
    }

    static func timestamp(_ date: Date = Date()) -> String { date.formatted(.iso8601) }

    static let versionBody: JSON = [
        "major": "1", "minor": "24", "gitVersion": "v1.24.0-k8sfv-standin", "gitCommit": "",
        "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z", "goVersion": "none", "compiler": "swift",
        "platform": "linux/amd64",
    ]
}

/// An error answer, carried through `Result`.
struct ErrorResponse: Error {
    var response: HTTPResponse
    init(_ response: HTTPResponse) { self.response = response }
}
