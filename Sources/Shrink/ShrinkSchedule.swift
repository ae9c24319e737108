// ShrinkSchedule: which passes a shrink round runs. Takes nothing; gives the rule the Shrinker's
// round loop follows. Cost: none by itself; it decides how many evaluations failing passes get.

/// Why: most of a shrink's evaluations go to passes that fail (on the challenge, block
/// deletion made about one success per 60 calls). Hypothesis spends its calls where they pay:
/// passes that made progress run again first, the rest wait until those stall
/// (`fixate_shrink_passes` reorders by success). Here a round after a productive one runs only
/// the passes that improved the best in it; when such a round makes no progress, every pass
/// runs again, and the shrink ends only after a round of every pass made none. So the result
/// is still a fixed point of every pass: what changes is only how often a failing pass runs.
public struct ShrinkSchedule: Hashable, Sendable {
    /// Rounds after a productive one run only the passes that made progress in it.
    public var adaptive: Bool
    /// Passes left out of the first round (costly ones that seldom succeed on a large
    /// example); they run once the others stall.
    public var deferred: Set<String>

    public init(adaptive: Bool, deferred: Set<String> = []) {
        self.adaptive = adaptive; self.deferred = deferred
    }

    /// Every pass in every round, until a round makes no progress.
    public static let everyPassEachRound = ShrinkSchedule(adaptive: false)
    /// Productive passes first; every pass again when they stall.
    public static let adaptive = ShrinkSchedule(adaptive: true, deferred: ["delete-runs"])
}
