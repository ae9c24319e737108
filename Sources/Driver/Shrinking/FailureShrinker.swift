import Calico
import Foundation
import Gen
import Shrink

// Shrinking a failure, cheapest moves first (each stage starts from the best so far):
//
//   1. cut: everything after the failing step goes, for free (FailureCut), before any budget
//      check, so even a shrink with no budget, or one interrupted at once, leaves the cut.
//   2. steps: whole steps are deleted in the recorded choices, chunks halving from half the
//      steps down to one (StepChunkReducer): a handful of evaluations for a sequence whose
//      failure needs one step, logarithmic in the steps, and every later evaluation is cheaper
//      because the candidate is short. A failing candidate is cut at its own failing step.
//   3. choices: the Shrink module's passes edit the recorded choice sequence; every candidate
//      is decoded by the same generator, so it is always a valid scenario (internal
//      shrinking, as Hypothesis does). Kept only if it fails with the same signature and
//      has no more steps than the best.
//   4. polish: the step-level reducer does what the generator cannot express as "smaller
//      choices" (fold the first step into the initial cluster, drop one initial object,
//      simplify one object), until no single removal still fails: 1-minimal in its steps.
//
// Every candidate goes through one ShrinkMeter: evaluations, checkpoints and seconds are
// counted there, repeated scenarios are answered from its cache, and the budget and stop
// requests are enforced there. The result is never larger than the cut start (same or fewer
// steps, same or fewer initial objects).
//
// Stage 4 alone handles reproducers with no recording (hand-edited, or found live).

/// What shrinking cost and how it ended.
public struct ShrinkReport: Codable, Hashable, Sendable {
    public var evaluations: Int
    public var seconds: Double
    public var budgetExhausted: Bool
    /// `choices`, `choices+steps`, `steps` or `none` (the cut alone counts as `steps`).
    public var shrunkBy: String
    /// Checkpoints (flushes) the evaluations went through: what a live shrink waits for.
    public var checkpoints: Int

    public init(evaluations: Int, seconds: Double, budgetExhausted: Bool, shrunkBy: String, checkpoints: Int = 0) {
        self.evaluations = evaluations
        self.seconds = seconds
        self.budgetExhausted = budgetExhausted
        self.shrunkBy = shrunkBy
        self.checkpoints = checkpoints
    }
}

/// A shrunk failing scenario with its failure.
public struct ShrunkFailure: Sendable {
    public var scenario: Scenario
    /// The choices that regenerate `scenario` (empty when stage 4 changed it).
    public var choices: [UInt64]
    public var failure: Failure
    public var report: ShrinkReport
}

public enum FailureShrinker {
    /// Which stages run (all of them by default; the bench leaves one out to measure it).
    public struct Stages: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let steps = Stages(rawValue: 1)
        public static let choices = Stages(rawValue: 2)
        public static let polish = Stages(rawValue: 4)
        public static let all: Stages = [.steps, .choices, .polish]
    }

    /// The most evaluations the choice passes may spend. They are generic (Hypothesis's passes
    /// over every choice of the cluster) and, left alone, spend thousands of evaluations on a
    /// scenario whose steps are already minimal; past this share the polish stage, which knows
    /// what an object is, gets further for less.
    public static let choiceStageEvaluations = 40

    /// Shrinks a failure found by the generator (its recording regenerates `scenario`).
    public static func shrink(
        recording: ChoiceRecording, scenario: Scenario, failure: Failure, generator: Gen<Scenario>,
        budget: ShrinkBudget, stages: Stages = .all, hooks: ShrinkHooks = .none,
        evaluate: @escaping (Scenario) -> Failure?
    ) -> ShrunkFailure {
        shrink(
            recording: Optional(recording), scenario: scenario, failure: failure, generator: generator, budget: budget,
            stages: stages, hooks: hooks, evaluate: evaluate)
    }

    /// Shrinks a failing scenario with no usable recording (hand-edited, or from an older
    /// generator): the cut, then the polish stage.
    public static func shrink(
        scenario: Scenario, failure: Failure, budget: ShrinkBudget, hooks: ShrinkHooks = .none,
        evaluate: @escaping (Scenario) -> Failure?
    ) -> ShrunkFailure {
        shrink(
            recording: nil, scenario: scenario, failure: failure, generator: nil, budget: budget, stages: .all,
            hooks: hooks, evaluate: evaluate)
    }

    private static func shrink(
        recording: ChoiceRecording?, scenario: Scenario, failure: Failure, generator: Gen<Scenario>?,
        budget: ShrinkBudget, stages: Stages, hooks: ShrinkHooks, evaluate: @escaping (Scenario) -> Failure?
    ) -> ShrunkFailure {
        let meter = ShrinkMeter(budget: budget, shouldStop: hooks.shouldStop, run: evaluate)
        let signature = failure.signature
        let state = State(
            scenario: scenario, recording: recording, failure: failure, shrunkBy: "none", meter: meter,
            hooks: hooks)

        // 1. The free cut.
        if let recording, let generator,
            let cut = FailureCut.cut(recording, scenario: scenario, at: failure, generator: generator)
        {
            state.improve(cut.scenario, recording: cut.recording, failure: failure, by: "choices", stage: "cut")
        } else if FailureCut.keptSteps(for: failure, stepCount: scenario.steps.count) != nil {
            state.improve(FailureCut.cut(scenario, at: failure), recording: nil, failure: failure, by: "steps", stage: "cut")
        }
        meter.remember(state.scenario, failure)
        let start = state.scenario

        /// Regenerates a candidate, runs it, and gives the recording to keep: the candidate's
        /// own, cut at its failing step when it fails the same way.
        /// A candidate larger than the best (more steps or more initial objects) is never
        /// accepted, so it is not run: lowering one choice can shift every later one, and such
        /// a candidate would often run a full twenty steps for nothing.
        func test(_ candidate: ChoiceSequence) -> (failure: Failure?, scenario: Scenario?, recording: ChoiceRecording?) {
            guard let generator, let (value, consumed) = try? generator.replay(candidate) else { return (nil, nil, nil) }
            guard value.steps.count <= state.scenario.steps.count, value.initial.count <= state.scenario.initial.count
            else { return (nil, value, consumed) }
            guard let found = meter.evaluate(value) else { return (nil, value, consumed) }
            guard found.signature == signature,
                let cut = FailureCut.cut(consumed, scenario: value, at: found, generator: generator)
            else { return (found, value, consumed) }
            meter.remember(cut.scenario, found)
            return (found, cut.scenario, cut.recording)
        }

        // 2. Whole steps, in the choices.
        if stages.contains(.steps), let recording = state.recording, !state.scenario.steps.isEmpty {
            StepChunkReducer.reduce(state, recording: recording, signature: signature, test: test)
        }

        // 3. The choice passes.
        if stages.contains(.choices), let recording = state.recording, !meter.exhausted {
            var found: [ChoiceSequence: (Scenario, Failure)] = [:]
            let choiceStageEnd = meter.evaluations + choiceStageEvaluations
            let shrinker = Shrinker<FailureSignature>(
                budget: ShrinkBudget(maxEvaluations: Int.max, maxSeconds: meter.remainingSeconds),
                // Every pass each round, the passes the injected bugs' minima were measured
                // with: the 40-evaluation stage is spent the same way.
                passes: ShrinkPasses.scenarioChoiceStage, schedule: .everyPassEachRound
            ) { candidate in
                if meter.exhausted || meter.evaluations >= choiceStageEnd { return .passed(nil) }
                let result = test(candidate)
                guard let recording = result.recording else { return .invalid(nil) }
                guard let failure = result.failure, let scenario = result.scenario else { return .passed(recording) }
                found[recording.sequence] = (scenario, failure)
                // The shrinker takes a same-signature failure that is shortlex-smaller than its best.
                if failure.signature == signature, let best = state.recording?.sequence, recording.sequence < best {
                    state.improve(scenario, recording: recording, failure: failure, by: "choices", stage: "choices")
                }
                return .failed(failure.signature, recording)
            }
            found[recording.sequence] = (state.scenario, state.failure)
            if let result = shrinker.shrink(recording.sequence, signature: signature), result.best != recording.sequence,
                result.best != state.recording?.sequence, let (scenario, failure) = found[result.best]
            {
                state.improve(scenario, recording: result.bestRecording, failure: failure, by: "choices", stage: "choices")
            }
        }

        // 4. Polish, step by step.
        if stages.contains(.polish), !meter.exhausted {
            let polished = StepReducer.reduce(
                state.scenario, failure: state.failure,
                budget: ShrinkBudget(maxEvaluations: Int.max, maxSeconds: 1e9),
                isExhausted: { meter.exhausted }, onImprovement: { scenario, failure in
                    state.improve(scenario, recording: nil, failure: failure, by: "steps", stage: "polish")
                }, evaluate: meter.evaluate)
            if polished.scenario != state.scenario {
                state.improve(polished.scenario, recording: nil, failure: polished.failure, by: "steps", stage: "polish")
            }
        }

        // Never larger than where shrinking started.
        if Size(state.scenario) > Size(start) {
            state.scenario = start
            state.recording = nil
            state.failure = failure
        }
        return ShrunkFailure(
            scenario: state.scenario, choices: state.recording?.sequence.values ?? [], failure: state.failure,
            report: ShrinkReport(
                evaluations: meter.evaluations, seconds: meter.seconds, budgetExhausted: meter.stopped,
                shrunkBy: state.shrunkBy, checkpoints: meter.checkpoints))
    }

    /// Cuts a failing scenario after its failing step without shrinking it further (when
    /// shrinking is off or could not run): free, see FailureCut.
    public static func cutOnly(
        recording: ChoiceRecording, scenario: Scenario, failure: Failure, generator: Gen<Scenario>
    ) -> ShrunkFailure {
        shrink(
            recording: recording, scenario: scenario, failure: failure, generator: generator,
            budget: ShrinkBudget(maxEvaluations: 0, maxSeconds: 0), stages: [], evaluate: { _ in nil })
    }

    /// How big a reproducer is: steps first, then writes, then initial objects.
    struct Size: Comparable {
        var steps: Int
        var writes: Int
        var initial: Int
        init(_ scenario: Scenario) {
            steps = scenario.steps.count
            writes = scenario.steps.reduce(0) { $0 + $1.writes.count }
            initial = scenario.initial.count
        }
        static func < (a: Size, b: Size) -> Bool { (a.steps, a.writes, a.initial) < (b.steps, b.writes, b.initial) }
    }

    /// The best so far and where it came from (a class: every stage and the candidate test
    /// share it).
    final class State {
        var scenario: Scenario
        /// Regenerates `scenario`; nil once a stage changed the scenario outside the generator.
        var recording: ChoiceRecording?
        var failure: Failure
        var shrunkBy: String
        let meter: ShrinkMeter
        let hooks: ShrinkHooks

        init(scenario: Scenario, recording: ChoiceRecording?, failure: Failure, shrunkBy: String, meter: ShrinkMeter, hooks: ShrinkHooks) {
            self.scenario = scenario
            self.recording = recording
            self.failure = failure
            self.shrunkBy = shrunkBy
            self.meter = meter
            self.hooks = hooks
        }

        func improve(_ scenario: Scenario, recording: ChoiceRecording?, failure: Failure, by: String, stage: String) {
            self.scenario = scenario
            self.recording = recording
            self.failure = failure
            switch (shrunkBy, by) {
            case ("none", _): shrunkBy = by
            case ("choices", "steps"): shrunkBy = "choices+steps"
            default: break
            }
            let progress = ShrinkProgress(
                stage: stage, steps: scenario.steps.count, initialObjects: scenario.initial.count,
                evaluations: meter.evaluations, checkpoints: meter.checkpoints, seconds: meter.seconds)
            hooks.onImprovement(
                ShrunkFailure(
                    scenario: scenario, choices: recording?.sequence.values ?? [], failure: failure,
                    report: ShrinkReport(
                        evaluations: meter.evaluations, seconds: meter.seconds, budgetExhausted: false,
                        shrunkBy: shrunkBy, checkpoints: meter.checkpoints)),
                progress)
        }
    }
}
