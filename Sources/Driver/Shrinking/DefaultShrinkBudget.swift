import Shrink

// Default shrink budgets per target kind, and the line a shrink prints when it starts. Takes
// the target kind; gives the budget `k8sfv fuzz` uses when --shrink-evals/--shrink-time are
// left out. Cost: none.

extension TargetSpec.Kind {
    /// Why two budgets: on the model a candidate costs milliseconds, so the budget is a safety
    /// net (the injected bugs reach their minima in a median of 81 evaluations, at most 215;
    /// docs/shrinking.md). Live, a checkpoint takes up to a second and a failing candidate waits
    /// out the convergence deadline: 60 s would stop a shrink after about 15 evaluations, so
    /// live shrinks get fewer evaluations than the model's cap (400, above the largest injected
    /// bug's 215 and 792 checkpoints) but the wall time those need (20 minutes at a second per
    /// checkpoint). The best so far is on disk throughout, so a shrink stopped early still
    /// leaves its smallest reproducer.
    public var defaultShrinkBudget: ShrinkBudget {
        switch self {
        case .model: ShrinkBudget(maxEvaluations: 5_000, maxSeconds: 60)
        case .live: ShrinkBudget(maxEvaluations: 400, maxSeconds: 20 * 60)
        }
    }
}

extension ShrinkBudget {
    /// The line printed as a shrink starts, e.g. "shrinking on the live target: budget 400
    /// evaluations, 1200 s (default for live)".
    public func startLine(target: TargetSpec.Kind, isDefault: Bool) -> String {
        "shrinking on the \(target.rawValue) target: budget \(maxEvaluations) evaluations, "
            + String(format: "%.0f s", maxSeconds)
            + (isDefault ? " (default for \(target.rawValue))" : " (given)")
    }
}
