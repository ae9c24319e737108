import Calico
import Driver
import Foundation
import Gen

// A test-only switch that makes the model crash or hang, so crash isolation can be tested
// without a real bug in the calc graph. It lives here (not among CalcGraph's injected bugs)
// because a trap cannot be caught in-process: it is meaningful only where campaigns run
// sequences in child processes. Read from the environment, so every child process of a
// campaign (workers, shrinkers, evaluators) inherits it without extra plumbing.
//
//   K8SFV_TEST_TRAP_AT_STEP_KIND=deletePod   trap (fatalError) when a deletePod step is applied
//   K8SFV_TEST_HANG_AT_STEP_KIND=deletePod   sleep forever instead (a hang)
//
// Debug builds only (what `swift test` builds): a release binary ignores both variables, so
// no environment left over from testing can make a user's campaign crash on purpose.

/// What the test switch asks for, if anything.
public struct TestTrap: Hashable, Sendable {
    public enum Action: String, Hashable, Sendable { case trap, hang }
    public var action: Action
    public var stepKind: String

    public static let trapVariable = "K8SFV_TEST_TRAP_AT_STEP_KIND"
    public static let hangVariable = "K8SFV_TEST_HANG_AT_STEP_KIND"

    public init(action: Action, stepKind: String) {
        self.action = action
        self.stepKind = stepKind
    }

    /// The switch as this process's environment sets it (nil: off, the normal case, and
    /// always in a release build).
    public static let current: TestTrap? = {
        #if DEBUG
            return from(environment: ProcessInfo.processInfo.environment)
        #else
            return nil
        #endif
    }()

    public static func from(environment: [String: String]) -> TestTrap? {
        if let kind = environment[trapVariable], !kind.isEmpty { return TestTrap(action: .trap, stepKind: kind) }
        if let kind = environment[hangVariable], !kind.isEmpty { return TestTrap(action: .hang, stepKind: kind) }
        return nil
    }

    /// Wraps `target` so it traps or hangs when a step of the chosen kind is applied.
    public func wrapping(_ target: any Target, scenario: Scenario) -> any Target {
        TrappingTarget(inner: target, stepKinds: scenario.steps.map(\.kind.rawValue), trap: self)
    }
}

/// Forwards to the wrapped target, counting `apply` calls: the first applies the initial
/// objects, call k (k ≥ 1) applies step k-1, so the step's kind is known without changing
/// the `Target` protocol.
final class TrappingTarget: Target {
    private let inner: any Target
    private let stepKinds: [String]
    private let trap: TestTrap
    private var applied = 0

    init(inner: any Target, stepKinds: [String], trap: TestTrap) {
        self.inner = inner
        self.stepKinds = stepKinds
        self.trap = trap
    }

    var name: String { inner.name }
    func begin(localHost: String) throws {
        applied = 0
        try inner.begin(localHost: localHost)
    }
    func apply(_ writes: [Write]) throws {
        defer { applied += 1 }
        let step = applied - 1
        if step >= 0, step < stepKinds.count, stepKinds[step] == trap.stepKind {
            switch trap.action {
            case .trap:
                fatalError("k8sfv test trap: \(TestTrap.trapVariable)=\(trap.stepKind) at step \(step)")
            case .hang:
                while true { sleep(3600) }
            }
        }
        try inner.apply(writes)
    }
    func markInSync() throws { try inner.markInSync() }
    func flush(expecting expected: DataplaneState) throws -> [FelixMessage] { try inner.flush(expecting: expected) }
    var internalLeaks: [String]? { inner.internalLeaks }
    var selectorEvaluations: Int? { inner.selectorEvaluations }
    func end() throws { try inner.end() }
}
