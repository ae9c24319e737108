// What KubeClient needs from an HTTP engine: one request/answer exchange, and a watch that
// streams events. Two engines implement it: URLSessionTransport (plain http: loopback
// stand-ins, `kubectl proxy`) and CurlTransport (https with a custom CA, client certificates,
// tokens, insecure-skip-tls-verify: what every kind/k3s/minikube/kubeadm kubeconfig needs).

protocol HTTPTransport: Sendable {
    func send(_ exchange: HTTPExchange) async throws -> HTTPAnswer
    func watch(_ exchange: HTTPExchange, idleTimeout: Double, scrub: @escaping @Sendable (String) -> String)
        -> AsyncThrowingStream<WatchEvent, any Error>
}

extension URLSessionTransport: HTTPTransport {
    func watch(_ exchange: HTTPExchange, idleTimeout: Double, scrub: @escaping @Sendable (String) -> String)
        -> AsyncThrowingStream<WatchEvent, any Error> {
        WatchStream.open(exchange, idleTimeout: idleTimeout, scrub: scrub)
    }
}
