import CalcGraph
import Calico

/// The in-process target: Swift's incremental model of Felix's calculation graph.
/// Flushes are synchronous, so `expected` is not needed to know when output is complete.
public final class ModelTarget: Target {
    public let injections: Set<InjectedBug>
    private var graph: CalcGraph?

    public init(injections: Set<InjectedBug> = []) {
        self.injections = injections
    }

    public var name: String { "model" }

    public func begin(localHost: String) throws {
        graph = CalcGraph(localHost: localHost, injections: injections)
    }

    public func apply(_ writes: [Write]) throws {
        let graph = try requireGraph()
        for write in writes { graph.apply(write) }
    }

    public func markInSync() throws {
        try requireGraph().markInSync()
    }

    public func flush(expecting expected: DataplaneState) throws -> [FelixMessage] {
        try requireGraph().flush()
    }

    public var selectorEvaluations: Int? { graph?.selectorEvaluations }

    public var internalLeaks: [String]? {
        graph.map { $0.internalLeakReport }
    }

    public func end() throws {
        graph = nil
    }

    private func requireGraph() throws -> CalcGraph {
        guard let graph else { throw TargetError("model target used before begin(localHost:)") }
        return graph
    }
}
