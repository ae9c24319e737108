// felix-sim: a stand-in for Felix at the boundary k8sfv observes. It lists and watches
// namespaces, pods, NetworkPolicies and nodes through KubeClient's informers, feeds them to
// the in-process CalcGraph (with the same injectable bugs), marks in-sync once every initial
// list is in, flushes after each burst of watch events, and writes the output to a dataplane
// driver it launched as Felix does (DriverProcess: fd 3 / fd 4, sequence numbers from 0).
// Takes: an API server, Felix's hostname, the driver to start. Gives: the same framed stream
// a real Felix would send for the model's behaviour. Cost: one informer connection per kind;
// one CalcGraph flush per burst (bursts are coalesced for `coalesce` seconds).
//
// Felix itself flushes on a 10 ms tick (felix/calc/async_calc_graph.go); felix-sim waits for
// a quiet gap instead, so one Kubernetes write rarely splits across two flushes. Once a live
// target has written a step fence on felix-sim's Node (LiveFence), felix-sim flushes once per
// fence instead: exactly once per scenario step, whatever the machine's load.
// Before its first InSync it flushes once with what the initial lists held (Felix's calc graph
// ticks before it is in sync too) and closes that flush with an empty config_update (a real
// Felix sends its config_update at start of day; felix-sim uses it to mark where its pre-sync
// flush ends), then marks InSync and flushes again: a Felix started in a populated cluster
// shows what it sends before InSync.

import CalcGraph
import Calico
import Foundation
import KubeClient
import Synchronization

public final class FelixSim: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var client: KubeClient
        public var hostname: String
        public var injections: Set<InjectedBug>
        /// Quiet time after the last event before a flush.
        public var coalesce: Double
        /// A burst longer than this is flushed anyway.
        public var maxBatch: Double
        public var driverPath: String
        public var driverArguments: [String]
        public var driverEnvironment: [String: String]
        /// Counts calc-graph work under Felix's metric names (served by `MetricsEndpoint`).
        public var meter: CalcGraphMeter?

        public init(
            client: KubeClient, hostname: String, injections: Set<InjectedBug> = [], coalesce: Double = 0.02,
            maxBatch: Double = 0.25, driverPath: String, driverArguments: [String] = [],
            driverEnvironment: [String: String], meter: CalcGraphMeter? = nil
        ) {
            self.client = client
            self.hostname = hostname
            self.injections = injections
            self.coalesce = coalesce
            self.maxBatch = maxBatch
            self.driverPath = driverPath
            self.driverArguments = driverArguments
            self.driverEnvironment = driverEnvironment
            self.meter = meter
        }
    }

    /// What a run did, for the log line at exit.
    public struct Summary: Sendable {
        public var events = 0
        public var flushes = 0
        public var messages: UInt64 = 0
        public var relists = 0
        public var skipped = 0
        public var driverStatus: Int32?
        public var stoppedBecause = ""
    }

    public static let watchedResources: [KubeResource] = [.namespaces, .nodes, .pods, .networkPolicies]
    /// `ToDataplane.config_update` (felixbackend.proto): Felix's start-of-day message.
    public static let configUpdateField = 13

    private enum Input: Sendable {
        case event(KubeResource, InformerEvent)
        case failed(KubeResource, String)
    }

    public let configuration: Configuration
    private let inbox = Mutex<[Input]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let log: @Sendable (String) -> Void

    public init(configuration: Configuration, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.log = log
    }

    /// Runs until `stop` is set, the driver exits or an informer gives up.
    public func run(until stop: @escaping @Sendable () -> Bool) throws -> Summary {
        let driver = try DriverProcess(
            path: configuration.driverPath, arguments: configuration.driverArguments,
            environment: configuration.driverEnvironment)
        log("felix-sim: driver \(configuration.driverPath) started (pid \(driver.pid)); watching \(configuration.client.config.server.absoluteString) as host \(configuration.hostname)")
        let graph = CalcGraph(localHost: configuration.hostname, injections: configuration.injections)
        var summary = Summary()
        var informers: [Informer] = []
        var tasks: [Task<Void, Never>] = []
        for resource in Self.watchedResources {
            let informer = Informer(client: configuration.client, resource: resource)
            informers.append(informer)
            tasks.append(Task.detached { [self] in
                do {
                    for try await event in informer.events() { self.post(.event(resource, event)) }
                    self.post(.failed(resource, "watch stream ended"))
                } catch {
                    self.post(.failed(resource, "\(error)"))
                }
            })
        }
        defer { for task in tasks { task.cancel() } }

        var synced = Set<String>()
        var inSync = false
        var dirty = false
        var burstStart: Date?
        var lastEvent = Date()
        // Step fences (LiveFence): the resourceVersion of every object as the informers last
        // delivered it, the fence being waited for, and whether any fence was ever seen.
        var seen: [String: String] = [:]
        var fenceMode = false
        var pendingFence: (fence: LiveFence.Fence, since: Date)?
        var lastFenceID: String?
        var lastNodes: [String: JSONValue] = [:]
        loop: while true {
            if stop() { summary.stoppedBecause = "asked to stop"; break }
            if driver.hasExited { summary.stoppedBecause = "the dataplane driver exited"; break }
            let timeout: Double = dirty ? max(0.001, configuration.coalesce - Date().timeIntervalSince(lastEvent)) : 0.1
            _ = wake.wait(timeout: .now() + timeout)
            let inputs = inbox.withLock { queue -> [Input] in
                defer { queue = [] }
                return queue
            }
            for input in inputs {
                switch input {
                case .failed(let resource, let message):
                    summary.stoppedBecause = "the \(resource) informer failed: \(message)"
                    break loop
                case .event(let resource, let event):
                    summary.events += 1
                    switch event {
                    case .synced:
                        synced.insert(resource.description)
                    case .added(var object), .modified(var object):
                        let key = LiveFence.key(resource: resource.plural, namespace: object.metadataNamespace, name: object.metadataName ?? "")
                        seen[key] = object.resourceVersion ?? ""
                        if resource == .nodes {
                            if object.metadataName == configuration.hostname, let fence = LiveFence.fence(on: object), fence.id != lastFenceID {
                                lastFenceID = fence.id
                                fenceMode = true
                                // A fence already on the Node when felix-sim starts belongs to a step it never saw.
                                if synced.count == Self.watchedResources.count { pendingFence = (fence, Date()) }
                            }
                            object = LiveFence.strippingFence(object)
                            object["metadata"]?["resourceVersion"] = nil
                            let name = object.metadataName ?? ""
                            if lastNodes[name] == object { continue }  // only the fence changed
                            lastNodes[name] = object
                        }
                        if let write = Self.put(object) { measured(write, resource, graph); dirty = true } else { summary.skipped += 1 }
                    case .deleted(let object):
                        seen[LiveFence.key(resource: resource.plural, namespace: object.metadataNamespace, name: object.metadataName ?? "")] = nil
                        if resource == .nodes { lastNodes[object.metadataName ?? ""] = nil }
                        if let write = Self.delete(object, resource: resource) { measured(write, resource, graph); dirty = true }
                    }
                    lastEvent = Date()
                    if burstStart == nil { burstStart = lastEvent }
                }
            }
            var initialSync = false
            if !inSync && synced.count == Self.watchedResources.count {
                // What the initial lists produce before InSync, as Felix's first ticks send it.
                let early = graph.flush()
                for message in early { try driver.send(message) }
                // An empty config_update closes the pre-sync flush, so a reader that started this
                // felix-sim can tell it from the in-sync flush (LiveStream.takeBeforeInSync).
                try driver.send(.unmodelled(field: Self.configUpdateField))
                configuration.meter?.recordOutput(early.count)
                summary.flushes += 1
                graph.markInSync()
                inSync = true
                dirty = true
                initialSync = true
                log("felix-sim: datastore in sync after \(summary.events) events")
            }
            guard inSync else { continue }
            if initialSync {
                // flush now: the initial state and InSync
            } else if fenceMode {
                if let pending = pendingFence {
                    let met = LiveFence.isMet(pending.fence, seen: seen)
                    let late = Date().timeIntervalSince(pending.since) >= LiveFence.giveUpSeconds
                    guard met || late else { continue }
                    if !met { log("felix-sim: fence \(pending.fence.id) not met within \(LiveFence.giveUpSeconds) s; flushing anyway") }
                    pendingFence = nil
                } else {
                    // Events no fence covers yet: the fence is on its way; flush anyway if it is not.
                    guard dirty, let start = burstStart, Date().timeIntervalSince(start) >= LiveFence.giveUpSeconds else { continue }
                }
            } else {
                guard dirty else { continue }
                let quiet = Date().timeIntervalSince(lastEvent) >= configuration.coalesce
                let long = burstStart.map { Date().timeIntervalSince($0) >= configuration.maxBatch } ?? true
                guard quiet || long else { continue }
            }
            let messages = graph.flush()
            for message in messages { try driver.send(message) }
            configuration.meter?.recordOutput(messages.count)
            summary.flushes += 1
            dirty = false
            burstStart = nil
        }
        summary.messages = driver.messagesSent
        summary.relists = informers.map(\.relistCount).reduce(0, +)
        summary.driverStatus = driver.finish()
        return summary
    }

    /// Applies one write, timing it for the meter.
    private func measured(_ write: Write, _ resource: KubeResource, _ graph: CalcGraph) {
        guard let meter = configuration.meter else { return graph.apply(write) }
        let start = DispatchTime.now().uptimeNanoseconds
        graph.apply(write)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let type = resource == .pods ? "WorkloadEndpointKey" : resource == .networkPolicies ? "PolicyKey" : "ResourceKey"
        meter.recordUpdate(type: type, seconds: seconds)
    }

    private func post(_ input: Input) {
        inbox.withLock { $0.append(input) }
        wake.signal()
    }

    /// The object as the calc graph takes it; nil for one k8sfv does not model.
    static func put(_ object: JSONValue) -> Write? {
        guard let decoded = try? KubeJSON.decode(KubeObject.self, from: object.encoded()) else { return nil }
        return .put(decoded)
    }

    static func delete(_ object: JSONValue, resource: KubeResource) -> Write? {
        guard let name = object.metadataName else { return nil }
        let kind: ObjectKind
        switch resource {
        case .namespaces: kind = .namespace
        case .nodes: kind = .node
        case .pods: kind = .pod
        case .networkPolicies: kind = .networkPolicy
        default: return nil
        }
        return .delete(ObjectRef(kind: kind, namespace: object.metadataNamespace, name: name))
    }
}
