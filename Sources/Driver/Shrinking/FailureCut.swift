import Calico
import Gen

// Cutting everything after the failing step costs no evaluation. The runner stops at the
// first failure, and a run is a function of the steps it has applied so far: the scenario
// cut just after the failing step runs the very same prefix, so it reaches the same
// checkpoint in the same state and fails there with the same failure. The cut is therefore
// taken on the scenario at once (also when the budget is spent, or shrinking is off), and
// on every failing candidate the shrinker sees.

public enum FailureCut {
    /// The number of steps a scenario cut at `failure` keeps, or nil when nothing can go.
    /// A failure at the initial sync keeps no step; a target error without a step (a crash
    /// or timeout seen from outside the run) keeps them all, since where it happened is unknown.
    public static func keptSteps(for failure: Failure, stepCount: Int) -> Int? {
        let kept: Int
        if let index = failure.stepIndex {
            kept = index + 1
        } else {
            guard failure.property != .targetError else { return nil }
            kept = 0
        }
        return kept < stepCount ? kept : nil
    }

    /// `scenario` without the steps after the failing one.
    public static func cut(_ scenario: Scenario, at failure: Failure) -> Scenario {
        guard let kept = keptSteps(for: failure, stepCount: scenario.steps.count) else { return scenario }
        var result = scenario
        result.steps.removeLast(scenario.steps.count - kept)
        return result
    }

    /// The recording that regenerates `cut(scenario, at: failure)`: the choices up to the end of
    /// the last kept step, with the step count lowered to match (the scenario generator draws
    /// the count right before its `steps` span, then each step in turn, so a lower count
    /// regenerates the same prefix). Nil when nothing can go or when the regenerated scenario
    /// is not the cut one (then only the scenario is cut).
    public static func cut(
        _ recording: ChoiceRecording, scenario: Scenario, at failure: Failure, generator: Gen<Scenario>
    ) -> (scenario: Scenario, recording: ChoiceRecording)? {
        guard let kept = keptSteps(for: failure, stepCount: scenario.steps.count),
            let sequence = StepSpans(recording)?.keeping(kept),
            let regenerated = try? generator.replay(sequence)
        else { return nil }
        let expected = cut(scenario, at: failure)
        guard regenerated.value == expected else { return nil }
        return (expected, regenerated.recording)
    }
}

/// Where the steps of a scenario recording are: the index of the step-count choice and the
/// choice range of each step.
struct StepSpans {
    var values: [UInt64]
    var countIndex: Int
    var steps: [Range<Int>]

    init?(_ recording: ChoiceRecording) {
        guard let stepsIndex = recording.spans.firstIndex(where: { $0.label == "steps" }),
            recording.spans[stepsIndex].start > 0
        else { return nil }
        values = recording.sequence.values
        countIndex = recording.spans[stepsIndex].start - 1
        steps = recording.spans.filter { $0.parent == stepsIndex }.map(\.range)
        guard values.indices.contains(countIndex), values[countIndex] == UInt64(steps.count) else { return nil }
    }

    /// The choices with only the first `count` steps.
    func keeping(_ count: Int) -> ChoiceSequence? {
        guard count < steps.count else { return nil }
        var result = Array(values.prefix(count == 0 ? countIndex + 1 : steps[count - 1].upperBound))
        result[countIndex] = UInt64(count)
        return ChoiceSequence(result)
    }

    /// The choices without the steps whose indices are in `removed`.
    func removing(_ removed: Range<Int>) -> ChoiceSequence? {
        guard !removed.isEmpty, removed.upperBound <= steps.count else { return nil }
        var result = values
        let range = steps[removed.lowerBound].lowerBound..<steps[removed.upperBound - 1].upperBound
        result.removeSubrange(range)
        result[countIndex] = UInt64(steps.count - removed.count)
        return ChoiceSequence(result)
    }
}
