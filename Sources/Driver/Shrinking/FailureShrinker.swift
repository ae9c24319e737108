import Calico
import Foundation
import Gen
import Shrink

// Shrinking a failure happens in two stages:
//
//   1. choices: the Shrink module's passes edit the recorded choice sequence; every candidate
//      is decoded by the same generator, so it is always a valid scenario (internal
//      shrinking, as Hypothesis does). Kept only if it fails with the same signature.
//   2. steps: a step-level reducer polishes the result with what the generator cannot
//      express as "smaller choices" (drop any single step or initial object, simplify one
//      object), until no single removal still fails: the result is 1-minimal in its steps.
//
// Stage 2 alone handles reproducers with no recording (hand-edited, or found live).

/// What shrinking cost and how it ended.
public struct ShrinkReport: Codable, Hashable, Sendable {
    public var evaluations: Int
    public var seconds: Double
    public var budgetExhausted: Bool
    /// `choices`, `choices+steps`, `steps` or `none`.
    public var shrunkBy: String
}

/// A shrunk failing scenario with its failure.
public struct ShrunkFailure: Sendable {
    public var scenario: Scenario
    /// The choices that regenerate `scenario` (empty when stage 2 changed it).
    public var choices: [UInt64]
    public var failure: Failure
    public var report: ShrinkReport
}

public enum FailureShrinker {
    public static func shrink(
        recording: ChoiceRecording, scenario: Scenario, failure: Failure, generator: Gen<Scenario>,
        budget: ShrinkBudget, evaluate: @escaping (Scenario) -> Failure?
    ) -> ShrunkFailure {
        let clock = ContinuousClock()
        let start = clock.now
        let signature = failure.signature
        var failures: [ChoiceSequence: Failure] = [:]
        let shrinker = Shrinker<FailureSignature>(budget: budget) { candidate in
            let source = ChoiceSource(replaying: candidate)
            guard let value = try? generator.run(source) else { return .invalid(source.recording) }
            guard let found = evaluate(value) else { return .passed(source.recording) }
            failures[source.recording.sequence] = found
            return .failed(found.signature, source.recording)
        }
        var best = ShrunkFailure(
            scenario: scenario, choices: recording.sequence.values, failure: failure,
            report: ShrinkReport(evaluations: 0, seconds: 0, budgetExhausted: false, shrunkBy: "none"))
        var evaluations = 0
        var exhausted = false
        // Steps after the failing one cannot matter: start from a recording that stops there.
        let start0 = truncatedAtFailingStep(recording, failure: failure) { candidate in
            let source = ChoiceSource(replaying: candidate)
            guard let value = try? generator.run(source), let found = evaluate(value),
                found.signature == signature
            else { return nil }
            failures[source.recording.sequence] = found
            return source.recording.sequence
        } ?? recording.sequence
        if let result = shrinker.shrink(start0, signature: signature),
            let shrunk = try? generator.replay(result.best).value
        {
            evaluations = result.evaluations
            exhausted = result.budgetExhausted
            best.scenario = shrunk
            best.choices = result.best.values
            best.failure = failures[result.best] ?? evaluate(shrunk) ?? failure
            best.report.shrunkBy = "choices"
        }
        let spent = seconds(since: start, clock)
        let remaining = ShrinkBudget(
            maxEvaluations: max(0, budget.maxEvaluations - evaluations), maxSeconds: max(0, budget.maxSeconds - spent))
        if !exhausted, remaining.maxEvaluations > 0, remaining.maxSeconds > 0 {
            let polished = StepReducer.reduce(best.scenario, failure: best.failure, budget: remaining, evaluate: evaluate)
            evaluations += polished.evaluations
            exhausted = polished.budgetExhausted
            if polished.scenario != best.scenario {
                best.scenario = polished.scenario
                best.failure = polished.failure
                best.choices = []
                best.report.shrunkBy = best.report.shrunkBy == "none" ? "steps" : "choices+steps"
            }
        }
        best.report.evaluations = evaluations
        best.report.budgetExhausted = exhausted
        best.report.seconds = seconds(since: start, clock)
        return best
    }

    /// The recording cut just after the failing step, with the step count lowered to match
    /// (the scenario generator draws the count right before its `steps` span). Returns the
    /// candidate's own recording if it still fails the same way.
    static func truncatedAtFailingStep(
        _ recording: ChoiceRecording, failure: Failure, check: (ChoiceSequence) -> ChoiceSequence?
    ) -> ChoiceSequence? {
        guard let failing = failure.stepIndex,
            let stepsIndex = recording.spans.firstIndex(where: { $0.label == "steps" }),
            recording.spans[stepsIndex].start > 0
        else { return nil }
        let children = recording.spans.filter { $0.parent == stepsIndex }
        guard failing < children.count else { return nil }
        var values = Array(recording.sequence.values.prefix(children[failing].end))
        let countIndex = recording.spans[stepsIndex].start - 1
        guard values[countIndex] > UInt64(failing + 1) else { return nil }
        values[countIndex] = UInt64(failing + 1)
        return check(ChoiceSequence(values))
    }

    static func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
