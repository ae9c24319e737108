import Calico
import Foundation

// A generated test case: the starting cluster, the host Felix runs on, and the steps to apply.
// Everything downstream (driver, oracle, shrinker) is a function of this value, so it is the unit
// that is printed, stored in reproducers, replayed and shrunk. Encoded with `KubeJSON` (sorted
// keys) it is the same bytes in every process.

/// A starting cluster plus a sequence of steps.
public struct Scenario: Codable, Hashable, Sendable {
    /// The node whose Felix is under test (`host-0` in generated scenarios).
    public var localHost: String
    /// The starting cluster, in dependency order (namespaces, nodes, pods, policies).
    public var initial: [KubeObject]
    public var steps: [Step]

    public init(localHost: String, initial: [KubeObject], steps: [Step]) {
        self.localHost = localHost
        self.initial = initial
        self.steps = steps
    }

    /// The cluster before any step.
    public var initialSnapshot: ClusterSnapshot { ClusterSnapshot(objects: initial) }

    /// The cluster after each step: element i is the state after `steps[i]`.
    /// Costs one snapshot copy per step.
    public var snapshotsAfterEachStep: [ClusterSnapshot] {
        var current = initialSnapshot
        var result: [ClusterSnapshot] = []
        result.reserveCapacity(steps.count)
        for step in steps {
            current.apply(step.writes)
            result.append(current)
        }
        return result
    }

    /// The cluster after the first `count` steps (0 = the initial snapshot).
    public func snapshot(afterSteps count: Int) -> ClusterSnapshot {
        var current = initialSnapshot
        for step in steps.prefix(max(0, count)) { current.apply(step.writes) }
        return current
    }

    /// The cluster after every step.
    public var finalSnapshot: ClusterSnapshot { snapshot(afterSteps: steps.count) }

    /// The number of writes over all steps.
    public var writeCount: Int { steps.reduce(0) { $0 + $1.writes.count } }

    /// Compact JSON, sorted keys: the canonical bytes.
    public func jsonString() throws -> String { try KubeJSON.encodeString(self) }
}
