// ShrinkResult: the smallest failing sequence found, what it cost, and how each pass fared.
import Gen

/// Per-pass accounting: how often a pass ran the test, and how often that shrank the best.
public struct PassStatistics: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var evaluations: Int
    public var successes: Int

    public init(name: String, evaluations: Int = 0, successes: Int = 0) {
        self.name = name; self.evaluations = evaluations; self.successes = successes
    }

    public var description: String { "\(name): \(successes)/\(evaluations)" }
}

public struct ShrinkResult<Signature: Hashable & Sendable>: Sendable {
    /// The shortlex-smallest sequence found failing with `signature`.
    public var best: ChoiceSequence
    /// Spans of `best`, as its last run recorded them.
    public var bestRecording: ChoiceRecording
    public var signature: Signature
    /// Test-function calls made (the initial run included; cache hits excluded).
    public var evaluations: Int
    /// True when the evaluation or time budget stopped shrinking before a fixed point:
    /// `best` is then the best so far, not necessarily a local minimum.
    public var budgetExhausted: Bool
    /// Number of full rounds of all passes.
    public var rounds: Int
    /// Per pass, in pass order.
    public var passStats: [PassStatistics]
}
