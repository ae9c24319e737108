// ShrinkBudget: how much work one shrink may do. Evaluations bound the cost deterministically;
// seconds are a wall-clock safety net (hitting it makes the result timing-dependent).

public struct ShrinkBudget: Hashable, Sendable {
    /// Test-function calls allowed (cache hits are free).
    public var maxEvaluations: Int
    /// Wall-clock seconds allowed.
    public var maxSeconds: Double

    public init(maxEvaluations: Int = 5_000, maxSeconds: Double = 60) {
        self.maxEvaluations = maxEvaluations; self.maxSeconds = maxSeconds
    }

    public static let `default` = ShrinkBudget()
}
