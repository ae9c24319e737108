// Shrinker: internal shrinking over recorded choices (the Hypothesis approach). Takes a failing
// ChoiceSequence and a test function; gives the shortlex-smallest failing sequence it can reach
// with the same failure signature, within a budget. Cost: the evaluations it makes (each one
// test run), bounded by ShrinkBudget; results are cached so no sequence runs twice, nor
// any sequence whose run an earlier run already decided (PrefixCache).
import Foundation
import Gen

/// Generic shrinker: knows nothing of the value type, only choices, spans and a test function.
///
/// The passes run in rounds until a whole round makes no progress (a local minimum with respect
/// to every pass) or the budget runs out. Deterministic: the same input, test behaviour and
/// passes give the same result (unless the time budget, not the evaluation budget, stops it).
public final class Shrinker<Signature: Hashable & Sendable> {
    public typealias TestFunction = (ChoiceSequence) -> ShrinkOutcome<Signature>

    private let test: TestFunction
    private let budget: ShrinkBudget
    private let passes: [any ShrinkPass]
    private let schedule: ShrinkSchedule
    private var cache: [ChoiceSequence: ShrinkOutcome<Signature>] = [:]
    /// Outcomes by the choices each run consumed: answers candidates that extend one of them.
    private var prefixes = PrefixCache<ShrinkOutcome<Signature>>()
    private var evaluations = 0
    private var deadline: ContinuousClock.Instant = .now
    private var stoppedByBudget = false

    public init(budget: ShrinkBudget = .default, passes: [any ShrinkPass] = ShrinkPasses.standard,
                schedule: ShrinkSchedule = .adaptive, test: @escaping TestFunction) {
        self.test = test
        self.schedule = schedule
        self.budget = budget
        self.passes = passes
    }

    /// Shrinks `initial`. When `signature` is nil the failure seen on `initial` is the target.
    /// Returns nil when `initial` does not fail (with `signature`, if given).
    public func shrink(_ initial: ChoiceSequence, signature: Signature? = nil) -> ShrinkResult<Signature>? {
        deadline = .now + .milliseconds(Int64(budget.maxSeconds * 1_000))
        stoppedByBudget = false
        let first = evaluate(initial)
        guard let seen = first.failureSignature, signature == nil || signature == seen,
              let firstRecording = first.recording else { return nil }
        let target = seen
        // The consumed sequence may be longer than `initial` (reads past its end); start from
        // whichever of the two is smaller and still fails.
        var start = firstRecording
        if initial < firstRecording.sequence, let replay = evaluate(initial).recording { start = replay }
        let context = ShrinkContext(best: start, evaluate: { [unowned self] candidate in
            let before = self.evaluations
            let outcome = self.evaluate(candidate)
            return (outcome.failureSignature == target, outcome.recording, self.evaluations > before)
        }, isExhausted: { [unowned self] in self.budgetRanOut() })

        var rounds = 0
        var active = passes.indices.filter { !schedule.deferred.contains(passes[$0].name) }
        while !context.exhausted {
            rounds += 1
            let before = context.best
            var succeeded: [Int] = []
            for index in active {
                if context.exhausted { break }
                let pass = passes[index]
                context.currentPass = pass.name
                let bestBefore = context.best
                pass.run(context)
                if context.best < bestBefore { succeeded.append(index) }
            }
            let everyPass = active.count == passes.count
            let progressed = context.best < before
            if !progressed && everyPass { break }
            // A focused round follows only a productive full one, so passes that alternate
            // small gains (redistribute, then lower, on huge keys) cannot keep the others out.
            active = progressed && everyPass && schedule.adaptive ? succeeded : Array(passes.indices)
        }
        let stats = passes.map { context.stats[$0.name] ?? PassStatistics(name: $0.name) }
        return ShrinkResult(best: context.best,
                            bestRecording: ChoiceRecording(sequence: context.best, spans: context.spans),
                            signature: target, evaluations: evaluations,
                            budgetExhausted: stoppedByBudget, rounds: rounds, passStats: stats)
    }

    private func evaluate(_ candidate: ChoiceSequence) -> ShrinkOutcome<Signature> {
        if let cached = cache[candidate] { return cached }
        if let known = prefixes.lookup(candidate) {
            cache[candidate] = known
            return known
        }
        evaluations += 1
        let outcome = test(candidate)
        cache[candidate] = outcome
        if let consumed = outcome.recording?.sequence {
            if cache[consumed] == nil { cache[consumed] = outcome }
            // A run that consumed exactly its input may have stopped because the input ended
            // (a test function that reads every value it is given); only a run that left some
            // of its input unread, or read zeros past its end, shows where it stops by itself.
            if consumed.count != candidate.count || consumed != candidate { prefixes.insert(consumed, outcome) }
        }
        return outcome
    }

    private func budgetRanOut() -> Bool {
        if stoppedByBudget { return true }
        if evaluations >= budget.maxEvaluations || ContinuousClock.now >= deadline { stoppedByBudget = true }
        return stoppedByBudget
    }
}
