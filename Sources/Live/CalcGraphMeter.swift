import Driver
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

// felix-sim's counterpart of Felix's calc-graph metrics: the same metric names, counted over
// the in-process model, served on loopback in Prometheus text format. A live benchmark then
// scrapes felix-sim exactly as it would scrape a real Felix (FelixMetrics.swift). The update
// `type` label names the model key Felix would process for that Kubernetes kind
// (pods → WorkloadEndpointKey, NetworkPolicies → PolicyKey, namespaces → ResourceKey (the
// v3 Profile), nodes → ResourceKey); see projectcalico/calico felix/calc/calc_graph.go.

/// Thread-safe counters of calc-graph work.
public final class CalcGraphMeter: Sendable {
    private struct Counts {
        var updateSeconds = 0.0
        var updates = 0
        var byType: [String: Int] = [:]
        var outputEvents = 0
    }
    private let counts = Mutex(Counts())

    public init() {}

    public func recordUpdate(type: String, seconds: Double) {
        counts.withLock {
            $0.updateSeconds += seconds
            $0.updates += 1
            $0.byType[type, default: 0] += 1
        }
    }

    public func recordOutput(_ events: Int) {
        counts.withLock { $0.outputEvents += events }
    }

    /// The exposition text, sorted, in Felix's metric names.
    public var exposition: String {
        counts.withLock { c in
            var lines = [
                "# HELP felix_calc_graph_update_time_seconds Seconds to update calculation graph for each datastore OnUpdate call.",
                "# TYPE felix_calc_graph_update_time_seconds summary",
                "felix_calc_graph_update_time_seconds_sum \(c.updateSeconds)",
                "felix_calc_graph_update_time_seconds_count \(c.updates)",
                "# HELP felix_calc_graph_updates_processed Number of datastore updates processed by the calculation graph.",
                "# TYPE felix_calc_graph_updates_processed counter",
            ]
            for type in c.byType.keys.sorted() {
                lines.append("felix_calc_graph_updates_processed{type=\"\(type)\"} \(c.byType[type]!)")
            }
            lines += [
                "# HELP felix_calc_graph_output_events Number of events emitted by the calculation graph.",
                "# TYPE felix_calc_graph_output_events counter",
                "felix_calc_graph_output_events \(c.outputEvents)",
            ]
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

/// A minimal loopback HTTP server that answers every request with the meter's exposition.
public final class MetricsEndpoint: @unchecked Sendable {
    public let port: UInt16
    private let fd: Int32
    private let meter: CalcGraphMeter
    private let stopped = Atomic<Bool>(false)

    /// Listens on 127.0.0.1:`port` (0: an ephemeral port, see `port`).
    public init(port: UInt16, meter: CalcGraphMeter) throws {
        self.meter = meter
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TargetError("metrics endpoint: socket() failed") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw TargetError("metrics endpoint: cannot listen on 127.0.0.1:\(port)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in self.serve() }
        thread.name = "k8sfv-metrics"
        thread.start()
    }

    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    private func serve() {
        while !stopped.load(ordering: .relaxed) {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { if stopped.load(ordering: .relaxed) { return } else { continue } }
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = read(client, &buffer, buffer.count)
            let body = Array(meter.exposition.utf8)
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            let bytes = Array(head.utf8) + body
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                sent += n
            }
            close(client)
        }
    }
}

/// A loopback port that was free a moment ago (bind to port 0, read it, close).
public enum MetricsPort {
    public static func free() throws -> UInt16 {
        let endpoint = try MetricsEndpoint(port: 0, meter: CalcGraphMeter())
        defer { endpoint.stop() }
        return endpoint.port
    }
}
