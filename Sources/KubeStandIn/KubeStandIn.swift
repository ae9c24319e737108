// A loopback stand-in for kube-apiserver, for tests and CI runs of k8sfv.
// Takes: a port (0 = ephemeral), faults and options. Gives: an HTTP/1.1 server on 127.0.0.1
// serving namespaces, nodes, pods (+status), serviceaccounts, networking.k8s.io
// networkpolicies and the crd.projectcalico.org/v1 kinds, with the API server's semantics
// (see the handler files), plus inspection of the final state. Cost: a thread per connection.
import Foundation

/// Names a resource for `objects(_:)`.
public struct StandInResource: Sendable, Hashable {
    public var group: String
    public var plural: String
    public init(group: String = "", plural: String) { self.group = group; self.plural = plural }

    public static let namespaces = StandInResource(plural: "namespaces")
    public static let nodes = StandInResource(plural: "nodes")
    public static let pods = StandInResource(plural: "pods")
    public static let serviceAccounts = StandInResource(plural: "serviceaccounts")
    public static let networkPolicies = StandInResource(group: "networking.k8s.io", plural: "networkpolicies")
    public static func calico(_ plural: String) -> StandInResource { StandInResource(group: "crd.projectcalico.org", plural: plural) }

    var id: String { "\(group)/\(plural)" }
}

/// One stored object, as the API server would return it.
public struct StoredObject: Sendable, Hashable {
    public var namespace: String?
    public var name: String
    public var resourceVersion: String
    public var labels: [String: String]
    /// The object's JSON (sorted keys).
    public var json: Data
}

public final class KubeStandIn: Sendable {
    private let server: SocketServer
    private let handler: APIHandler
    private let faults: FaultInjector

    /// `http://127.0.0.1:<port>`, or `https://…` when started with `options.tls`.
    public let baseURL: URL
    public var port: UInt16 { server.port }

    private init(server: SocketServer, handler: APIHandler, faults: FaultInjector, https: Bool) {
        self.server = server
        self.handler = handler
        self.faults = faults
        baseURL = URL(string: "\(https ? "https" : "http")://127.0.0.1:\(server.port)")!
    }

    /// Starts a stand-in bound to 127.0.0.1 only.
    public static func start(port: UInt16 = 0, faults: StandInFaults = .none,
                             options: StandInOptions = StandInOptions()) throws -> KubeStandIn {
        let injector = FaultInjector(faults)
        let handler = APIHandler(options: options, faults: injector)
        let server = try SocketServer.start(port: port, tls: options.tls) { request, channel in handler.handle(request, channel) }
        return KubeStandIn(server: server, handler: handler, faults: injector, https: options.tls != nil)
    }

    /// Stops the server and ends every watch.
    public func stop() {
        handler.store.locked { handler.store.stop() }
        server.stop()
    }

    /// Replaces the fault plan (e.g. to turn faults on after a clean set-up).
    public func setFaults(_ plan: StandInFaults) { faults.setPlan(plan) }

    /// Faults injected so far.
    public var faultCounts: StandInFaultCounts { faults.currentCounts }

    /// The current global resourceVersion.
    public var resourceVersion: String { handler.store.locked { String(handler.store.currentRV) } }

    /// Drops all change history, like an etcd compaction: watches and paged lists from an
    /// older resourceVersion then get 410.
    public func compactHistory() { handler.store.locked { handler.store.compact() } }

    /// The stored objects of one resource, sorted by namespace then name; `namespace` nil
    /// means all namespaces.
    public func objects(_ resource: StandInResource, namespace: String? = nil) -> [StoredObject] {
        let info = ResourceInfo.core.first(where: { $0.id == resource.id })
            ?? (resource == .networkPolicies ? ResourceInfo.networkPolicies : nil)
            ?? (resource.group == ResourceInfo.calicoGroup ? ResourceInfo.calico(plural: resource.plural) : nil)
        guard let info else { return [] }
        return handler.store.locked {
            handler.store.all(info, namespace: namespace).map { key, object in
                StoredObject(namespace: key.namespace.isEmpty ? nil : key.namespace, name: key.name,
                             resourceVersion: object.resourceVersion ?? "", labels: object.labels,
                             json: object.encoded())
            }
        }
    }
}
