// ShrinkPass: one named way of proposing smaller candidates. Each pass lives in Passes/.

/// A shrink pass: proposes candidates through `context.consider` until it runs out of ideas
/// (or the budget runs out). Passes must be deterministic: the same best sequence and the
/// same test outcomes give the same candidates in the same order.
public protocol ShrinkPass: Sendable {
    var name: String { get }
    func run(_ context: ShrinkContext)
}

public enum ShrinkPasses {
    /// The default order: cheap structure-removing passes first, value passes after, the
    /// reordering passes last (they only tidy what is left).
    public static let standard: [any ShrinkPass] = [
        HoistDescendantPass(),
        DeleteSpansPass(),
        DeleteRunsPass(),
        ZeroSpansPass(),
        MinimiseChoicesPass(),
        LowerDuplicatesPass(),
        LowerTogetherPass(),
        RedistributePairsPass(),
        DeleteAndLowerPass(),
        SortSiblingSpansPass(),
        SwapAdjacentSpansPass(),
    ]

    /// The list `FailureShrinker`'s capped choice stage uses (scenario choices, 40 evaluations),
    /// run with `ShrinkSchedule.everyPassEachRound`: the one the injected bugs' minima and
    /// costs were measured with (docs/shrinking.md), so the challenge's tuning cannot move them.
    /// It differs from `standard` only in deleting and zeroing one span per call.
    public static let scenarioChoiceStage: [any ShrinkPass] = [
        HoistDescendantPass(),
        DeleteSpansPass(extendsToSiblings: false),
        DeleteRunsPass(),
        ZeroSpansPass(extendsToSiblings: false),
        MinimiseChoicesPass(),
        LowerDuplicatesPass(),
        LowerTogetherPass(),
        RedistributePairsPass(),
        DeleteAndLowerPass(),
        SortSiblingSpansPass(),
        SwapAdjacentSpansPass(),
    ]
}
