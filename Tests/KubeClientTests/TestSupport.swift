// Shared helpers for the KubeClient tests: a stand-in per test, a client for it, object
// builders, raw HTTP for requests the client would never send, and a timeout guard.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import KubeClient
import KubeStandIn

struct TimedOut: Error {}

/// Runs `body`, failing with `TimedOut` after `seconds` so a broken stream cannot hang the suite.
func withTimeout<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            throw TimedOut()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw TimedOut() }
        return first
    }
}

/// A fast retry policy for tests.
let quickRetry = RetryPolicy(maxAttempts: 5, baseDelay: 0.005, multiplier: 2, maxDelay: 0.05)

func makeClient(_ server: KubeStandIn, retry: RetryPolicy = quickRetry) throws -> KubeClient {
    try KubeClient(loopback: server.baseURL, retry: retry)
}

func namespaceObject(_ name: String, labels: [String: String] = [:]) -> JSONValue {
    var meta: JSONValue = ["name": .string(name)]
    if !labels.isEmpty { meta["labels"] = .object(labels.mapValues { .string($0) }) }
    return ["apiVersion": "v1", "kind": "Namespace", "metadata": meta]
}

func podObject(_ name: String, namespace: String, node: String? = "node-a", labels: [String: String] = ["app": "web"]) -> JSONValue {
    var spec: JSONValue = ["containers": [["name": "c", "image": "example.invalid/web:1"]]]
    if let node { spec["nodeName"] = .string(node) }
    return ["apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": .object(labels.mapValues { .string($0) })],
            "spec": spec]
}

/// A stand-in (controller-manager emulated) with one namespace ready for pods.
func standInWithNamespace(_ ns: String = "demo", faults: StandInFaults = .none, options: StandInOptions = StandInOptions()) async throws -> (KubeStandIn, KubeClient) {
    let server = try KubeStandIn.start(options: options)
    let client = try makeClient(server)
    _ = try await client.create(.namespaces, namespaceObject(ns))
    server.setFaults(faults)
    return (server, client)
}

/// Expects `body` to throw a KubeClientError and returns it.
func expectKubeError(_ body: () async throws -> Void) async -> KubeClientError? {
    do {
        try await body()
        return nil
    } catch let error as KubeClientError {
        return error
    } catch {
        return nil
    }
}

/// One raw HTTP exchange (for requests a well-behaved client never sends).
func rawRequest(_ base: URL, method: String, path: String, body: Data? = nil,
                contentType: String? = "application/json", headers: [String: String] = [:]) async throws -> (Int, JSONValue?, [String: String]) {
    var request = URLRequest(url: URL(string: base.absoluteString + path)!)
    request.httpMethod = method
    request.httpBody = body
    if let contentType, body != nil { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as! HTTPURLResponse
    var out: [String: String] = [:]
    for (k, v) in http.allHeaderFields { if let k = k as? String, let v = v as? String { out[k.lowercased()] = v } }
    return (http.statusCode, try? JSONValue.parse(data), out)
}

/// Collects watch events until `count` are in, or the stream ends.
func collect(_ stream: AsyncThrowingStream<WatchEvent, any Error>, count: Int) async throws -> [WatchEvent] {
    var out: [WatchEvent] = []
    for try await event in stream {
        out.append(event)
        if out.count >= count { break }
    }
    return out
}
