import Calico

// A Target is whatever computes Felix's calc-graph output for a sequence of Kubernetes writes:
// the in-process model, or a live Felix behind an API server. The runner drives every target
// through the same five calls, so properties and shrinking never know which one they judge.

/// Something that turns Kubernetes writes into Felix dataplane messages.
public protocol Target: AnyObject {
    /// A short name for reports and reproducers: `model`, `live`, ...
    var name: String { get }

    /// Starts a fresh run on an empty cluster, with `localHost` as Felix's own node.
    func begin(localHost: String) throws

    /// Applies writes to the cluster (the initial objects, or one step's writes).
    func apply(_ writes: [Write]) throws

    /// Tells the target the datastore has been fully loaded (Felix's first in-sync).
    func markInSync() throws

    /// The messages emitted since the last flush. A live target waits until its state,
    /// rebuilt from the stream, equals `expected` or a deadline passes (then it returns
    /// what it has, and convergence fails with the difference).
    func flush(expecting expected: DataplaneState) throws -> [FelixMessage]

    /// What the target still holds internally after everything was deleted
    /// (empty = nothing leaked); nil when the target cannot look inside itself.
    var internalLeaks: [String]? { get }

    /// Ends the run and releases its resources.
    func end() throws

    /// Selector evaluations performed since `begin` (one endpoint against one policy or IP set
    /// selector), the calc graph's own measure of work; nil when the target cannot count
    /// them (a live Felix). The runner reads it around each flush for the work bound.
    var selectorEvaluations: Int? { get }
}

extension Target {
    public var selectorEvaluations: Int? { nil }
}

/// A target-level failure that is not a property: the target crashed, timed out or
/// refused a write. Reported as a failure of the sequence under the `target-error` property.
/// A target that sees a property fail inside one of its own calls (a live Felix restarted, its
/// stream broke) reports it by throwing this; the runner takes the failure out as its result.
/// `Failure` itself is a result, never an error.
public struct TargetReportedFailure: Error, Sendable {
    public var failure: Failure
    public init(_ failure: Failure) { self.failure = failure }
}

public struct TargetError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
