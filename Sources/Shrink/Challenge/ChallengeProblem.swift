// ChallengeProblem: one shrinking-challenge problem, type-erased so a bench can run them all.
// Takes a seed and a budget; gives the shrunk counterexample as text plus its cost.
// Problem definitions: jlink/shrinking-challenge:challenges/<name>.md (facts only).
import Gen

/// What one seed of one problem produced.
public struct ChallengeAttempt: Hashable, Sendable {
    /// False when no failing example turned up within the example limit.
    public var found: Bool
    /// Examples generated before the first failure.
    public var examplesTried: Int
    /// The shrunk counterexample, rendered like the challenge text (e.g. `[0, 1]`).
    public var rendered: String
    public var reachedBestKnown: Bool
    /// The shrunk example still fails when replayed (always checked).
    public var stillFails: Bool
    public var evaluations: Int
    public var budgetExhausted: Bool
    /// Choices in the first failure (before shrinking), to tell a cheap start from a frugal shrink.
    public var initialChoices: Int = 0
    /// Per pass: evaluations and improvements, to see where a problem's evaluations go.
    public var passStats: [PassStatistics] = []
}

public struct ChallengeProblem: Sendable {
    public let name: String
    /// The best-known minimum as the challenge states it.
    public let bestKnown: String
    public let maxExamples: Int
    let attemptBody: @Sendable (UInt64, ShrinkBudget, [any ShrinkPass]) -> ChallengeAttempt

    /// Searches for a failure from `seed` (example i uses `SplitMix64.derive(seed:stream: i)`),
    /// then shrinks it.
    /// `passes` defaults to the standard list; a different list measures a pass's effect.
    public func attempt(seed: UInt64, budget: ShrinkBudget = ShrinkBudget(maxEvaluations: 10_000, maxSeconds: 30),
                        passes: [any ShrinkPass] = ShrinkPasses.standard) -> ChallengeAttempt {
        attemptBody(seed, budget, passes)
    }

    /// A problem from a generator and a property.
    /// - `holds`: the property; false = counterexample.
    /// - `precondition`: examples violating it are discarded (invalid), as `assume`/`pre`.
    /// - `isBestKnown`: whether a value is (one of) the best-known minima.
    public init<Value>(name: String, bestKnown: String, maxExamples: Int = 1_000, generator: Gen<Value>,
                       render: @escaping @Sendable (Value) -> String,
                       precondition: @escaping @Sendable (Value) -> Bool = { _ in true },
                       isBestKnown: @escaping @Sendable (Value) -> Bool,
                       holds: @escaping @Sendable (Value) -> Bool) {
        self.name = name
        self.bestKnown = bestKnown
        self.maxExamples = maxExamples
        attemptBody = { seed, budget, passes in
            let property: (Value) -> String? = { value in
                guard precondition(value) else { return nil }
                return holds(value) ? nil : "falsified"
            }
            let test: Shrinker<String>.TestFunction = { candidate in
                let source = ChoiceSource(replaying: candidate)
                guard let value = try? generator.run(source) else { return .invalid(source.recording) }
                guard precondition(value) else { return .invalid(source.recording) }
                return holds(value) ? .passed(source.recording) : .failed("falsified", source.recording)
            }
            for example in 0..<maxExamples {
                let source = ChoiceSource(seed: SplitMix64.derive(seed: seed, stream: UInt64(example)))
                guard let value = try? generator.run(source), property(value) != nil else { continue }
                let shrinker = Shrinker<String>(budget: budget, passes: passes, test: test)
                guard let result = shrinker.shrink(source.recording.sequence),
                      let shrunk = try? generator.replay(result.best).value else { break }
                return ChallengeAttempt(found: true, examplesTried: example + 1, rendered: render(shrunk),
                                        reachedBestKnown: isBestKnown(shrunk), stillFails: property(shrunk) != nil,
                                        // Counted as Hypothesis counts its shrink phase's test cases:
                                        // the first failure's re-run is not one.
                                        evaluations: max(0, result.evaluations - 1), budgetExhausted: result.budgetExhausted,
                                        initialChoices: source.recording.sequence.count, passStats: result.passStats)
            }
            return ChallengeAttempt(found: false, examplesTried: maxExamples, rendered: "", reachedBestKnown: false,
                                    stillFails: false, evaluations: 0, budgetExhausted: false)
        }
    }
}
