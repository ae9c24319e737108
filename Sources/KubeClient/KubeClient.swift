// A Kubernetes API client on Foundation alone, working on raw JSON objects.
// Takes: a validated KubeClientConfig. Gives: get/create/replace/merge-patch/status/delete,
// list (one page or all), and watch streams, with typed errors and bounded retries.
// Cost: one HTTP request per attempt; waits between attempts follow the RetryPolicy.
// API mechanics: felix-live.md §5; answers checked against the kube-apiserver transcripts.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

public final class KubeClient: Sendable {
    public let config: KubeClientConfig
    /// URLSession for plain http (loopback stand-ins, `kubectl proxy`); libcurl for https,
    /// which honours the kubeconfig's CA, client certificate and token (CurlTransport).
    private let transport: any HTTPTransport
    private let jitter: JitterSource

    /// Validates the configuration first: non-loopback servers need `allowRemoteCluster`, and
    /// TLS set-ups URLSession cannot do fail here with advice.
    public init(config: KubeClientConfig) throws {
        try config.validate()
        self.config = config
        if config.server.scheme?.lowercased() == "https" {
            transport = try CurlTransport(tls: config.tls)
        } else {
            transport = URLSessionTransport()
        }
        jitter = JitterSource(config.retry.jitter)
    }

    /// A client for a loopback server with no credentials (a stand-in, `kubectl proxy`).
    public convenience init(loopback url: URL, retry: RetryPolicy = .default) throws {
        try self.init(config: .loopback(url, retry: retry))
    }

    // MARK: - Verbs

    public func version() async throws -> JSONValue {
        try JSONValue.parseBody(try await perform("GET", path: "/version", idempotent: true))
    }

    public func get(_ resource: KubeResource, namespace: String? = nil, name: String) async throws -> JSONValue {
        let path = try resource.itemPath(namespace: namespace, name: name)
        return try JSONValue.parseBody(try await perform("GET", path: path, idempotent: true))
    }

    /// POST; the namespace defaults to the object's `metadata.namespace`. Never retried after a
    /// 5xx (it may have been applied).
    public func create(_ resource: KubeResource, _ object: JSONValue, namespace: String? = nil) async throws -> JSONValue {
        let ns = resource.namespaced ? (namespace ?? object.metadataNamespace) : nil
        if resource.namespaced && ns == nil {
            throw KubeClientError.configuration("creating a \(resource.kind) needs a namespace")
        }
        let path = try resource.collectionPath(namespace: ns)
        return try JSONValue.parseBody(try await perform("POST", path: path, body: object.encoded(), idempotent: false))
    }

    /// PUT of the whole object; include `metadata.resourceVersion` for optimistic concurrency.
    public func replace(_ resource: KubeResource, _ object: JSONValue, namespace: String? = nil) async throws -> JSONValue {
        try await put(resource, object, namespace: namespace, subresource: nil)
    }

    /// PUT to the `status` subresource: only `status` changes (how pod IPs are set, §5.7).
    public func replaceStatus(_ resource: KubeResource, _ object: JSONValue, namespace: String? = nil) async throws -> JSONValue {
        try await put(resource, object, namespace: namespace, subresource: "status")
    }

    private func put(_ resource: KubeResource, _ object: JSONValue, namespace: String?, subresource: String?) async throws -> JSONValue {
        guard let name = object.metadataName else { throw KubeClientError.configuration("object to replace has no metadata.name") }
        let path = try resource.itemPath(namespace: resource.namespaced ? (namespace ?? object.metadataNamespace) : nil,
                                         name: name, subresource: subresource)
        return try JSONValue.parseBody(try await perform("PUT", path: path, body: object.encoded(), idempotent: true))
    }

    /// RFC 7386 merge patch (`null` deletes a key, lists are replaced). Put
    /// `metadata.resourceVersion` in the patch to make it conditional.
    public func mergePatch(_ resource: KubeResource, namespace: String? = nil, name: String, _ patch: JSONValue,
                           subresource: String? = nil) async throws -> JSONValue {
        let path = try resource.itemPath(namespace: namespace, name: name, subresource: subresource)
        return try JSONValue.parseBody(try await perform("PATCH", path: path, body: patch.encoded(),
                                                     contentType: "application/merge-patch+json", idempotent: true))
    }

    /// DELETE, by default with `gracePeriodSeconds=0` (a pod on a node with no kubelet would
    /// otherwise stay Terminating, §5.7). Returns the object or the Success Status.
    @discardableResult
    public func delete(_ resource: KubeResource, namespace: String? = nil, name: String, gracePeriodSeconds: Int? = 0,
                       preconditions: DeletePreconditions? = nil) async throws -> JSONValue {
        let path = try resource.itemPath(namespace: namespace, name: name)
        var query: [(String, String)] = []
        if let gracePeriodSeconds { query.append(("gracePeriodSeconds", String(gracePeriodSeconds))) }
        var body: Data?
        if let preconditions {
            var options: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1"]
            if let gracePeriodSeconds { options["gracePeriodSeconds"] = .int(Int64(gracePeriodSeconds)) }
            var pre: JSONValue = .object([:])
            if let uid = preconditions.uid { pre["uid"] = .string(uid) }
            if let rv = preconditions.resourceVersion { pre["resourceVersion"] = .string(rv) }
            options["preconditions"] = pre
            body = options.encoded()
        }
        return try JSONValue.parseBody(try await perform("DELETE", path: path, query: query, body: body, idempotent: true))
    }

    /// One page of a list; `namespace` nil on a namespaced resource lists all namespaces.
    public func list(_ resource: KubeResource, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> ObjectList {
        let path = try resource.collectionPath(namespace: namespace)
        let value = try JSONValue.parseBody(try await perform("GET", path: path, query: options.queryItems, idempotent: true))
        guard let items = value["items"]?.arrayValue else { throw KubeClientError.decoding("list of \(resource) has no items") }
        let kind = value["kind"]?.stringValue ?? resource.kind + "List"
        let apiVersion = value["apiVersion"]?.stringValue ?? resource.apiVersion
        let itemKind = kind.hasSuffix("List") ? String(kind.dropLast(4)) : resource.kind
        return ObjectList(
            kind: kind, apiVersion: apiVersion,
            resourceVersion: value["metadata"]?["resourceVersion"]?.stringValue ?? "",
            continueToken: value["metadata"]?["continue"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            remainingItemCount: value["metadata"]?["remainingItemCount"]?.intValue.map(Int.init),
            items: items.map { item in
                var item = item
                if item["kind"] == nil { item["kind"] = .string(itemKind) }
                if item["apiVersion"] == nil { item["apiVersion"] = .string(apiVersion) }
                return item
            })
    }

    /// Every page of a list (pages of `pageSize`), all from one snapshot. If a continue token
    /// expires (410) the list starts over, at most `maxRestarts` times, then throws `.gone`.
    public func listAll(_ resource: KubeResource, namespace: String? = nil, labelSelector: String? = nil,
                        fieldSelector: String? = nil, pageSize: Int = 500, maxPages: Int = 100_000,
                        maxRestarts: Int = 3) async throws -> ObjectList {
        var restarts = 0
        while true {
            do {
                var options = ListOptions(labelSelector: labelSelector, fieldSelector: fieldSelector, limit: pageSize)
                var all = try await list(resource, namespace: namespace, options: options)
                var pages = 1
                while let token = all.continueToken {
                    guard pages < maxPages else { throw KubeClientError.exhausted("list of \(resource) exceeded \(maxPages) pages") }
                    options.continueToken = token
                    let page = try await list(resource, namespace: namespace, options: options)
                    all.items += page.items
                    all.continueToken = page.continueToken
                    pages += 1
                }
                all.remainingItemCount = nil
                return all
            } catch KubeClientError.gone(let e) where restarts < maxRestarts {
                restarts += 1
                _ = e
            }
        }
    }

    /// A watch stream. It ends normally at the server's timeout, and throws `.gone` when the
    /// resourceVersion is too old (list again), `.watchDropped` when the connection breaks.
    /// `Informer` wraps this with re-listing and resumption.
    public func watch(_ resource: KubeResource, namespace: String? = nil, options: WatchOptions = WatchOptions()) throws -> AsyncThrowingStream<WatchEvent, any Error> {
        let path = try resource.collectionPath(namespace: namespace)
        let exchange = HTTPExchange(method: "GET", url: try url(path: path, query: options.queryItems),
                                    headers: headers(contentType: nil), body: nil, timeout: config.watchIdleTimeout)
        let token = config.bearerToken
        return transport.watch(exchange, idleTimeout: config.watchIdleTimeout, scrub: { token?.scrub($0) ?? $0 })
    }

    // MARK: - Typed helpers

    public func get<T: Decodable>(_ resource: KubeResource, namespace: String? = nil, name: String, as type: T.Type) async throws -> T {
        try await get(resource, namespace: namespace, name: name).decodeBody(type)
    }

    public func create<T: Codable>(_ resource: KubeResource, typed object: T, namespace: String? = nil) async throws -> T {
        try await create(resource, try JSONValue.from(object), namespace: namespace).decodeBody(T.self)
    }

    // MARK: - Requests and retries

    private func url(path: String, query: [(String, String)]) throws -> URL {
        var base = config.server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + path + QueryString.encode(query)) else {
            throw KubeClientError.configuration("cannot form a URL from \(base) and \(path)")
        }
        return url
    }

    private func headers(contentType: String?) -> [String: String] {
        var headers = ["Accept": "application/json", "User-Agent": "k8sfv"]
        if let token = config.bearerToken, !token.isEmpty { headers["Authorization"] = "Bearer " + token.revealed }
        if let contentType { headers["Content-Type"] = contentType }
        return headers
    }

    /// Sends one request with retries per `config.retry`; returns the 2xx body.
    func perform(_ method: String, path: String, query: [(String, String)] = [], body: Data? = nil,
                 contentType: String? = "application/json", idempotent: Bool) async throws -> Data {
        let exchange = HTTPExchange(method: method, url: try url(path: path, query: query),
                                    headers: headers(contentType: body == nil ? nil : contentType),
                                    body: body, timeout: config.requestTimeout)
        let policy = config.retry
        for attempt in 1...policy.maxAttempts {
            let failure: KubeClientError
            do {
                let answer = try await transport.send(exchange)
                if (200..<300).contains(answer.status) { return answer.body }
                var apiError = KubeAPIError(httpStatus: answer.status, body: answer.body, retryAfterHeader: answer.headers["retry-after"])
                apiError.message = scrub(apiError.message)
                failure = apiError.code == 410 ? .gone(apiError) : .api(apiError)
            } catch let error as KubeClientError {
                if case .transport(let message) = error { failure = .transport(scrub(message)) } else { failure = error }
            }
            guard policy.shouldRetry(failure, attempt: attempt, idempotent: idempotent) else { throw failure }
            let wait = policy.delay(afterAttempt: attempt, error: failure, jitterSource: jitter)
            try await Task.sleep(nanoseconds: UInt64(max(0, wait) * 1_000_000_000))
        }
        throw KubeClientError.exhausted("\(method) \(path): no attempts allowed")
    }

    private func scrub(_ text: String) -> String { config.bearerToken?.scrub(text) ?? text }
}
