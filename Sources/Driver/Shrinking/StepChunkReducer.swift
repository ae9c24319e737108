import Calico
import Gen

// Deleting whole steps in the recorded choices, before any finer pass. A failure usually needs
// one or two of the twenty steps it was found with, and every finer pass is cheaper on a short
// sequence (each evaluation runs fewer checkpoints, and there are fewer choices to try), so
// this goes first. Chunks of steps are deleted, the chunk halving from half the steps to one
// (ddmin's complements), with the step count lowered to match: about 2·log2(n) evaluations
// when one step matters, never more than 2n. A deletion that keeps the failure is kept, and
// a failure that now happens earlier cuts the rest for free.

enum StepChunkReducer {
    static func reduce(
        _ state: FailureShrinker.State, recording: ChoiceRecording, signature: FailureSignature,
        test: (ChoiceSequence) -> (failure: Failure?, scenario: Scenario?, recording: ChoiceRecording?)
    ) {
        var recording = recording
        // First the boldest cut: only the failing step (or none, for a failure at the teardown).
        _ = tryRemoving(0..<max(0, state.scenario.steps.count - 1), state, &recording, signature, test)
        var chunk = max(1, state.scenario.steps.count / 2)
        while chunk >= 1, !state.meter.exhausted {
            var start = 0
            while start < state.scenario.steps.count, !state.meter.exhausted {
                let end = min(start + chunk, state.scenario.steps.count)
                if tryRemoving(start..<end, state, &recording, signature, test) == nil { start += chunk }
            }
            chunk = chunk == 1 ? 0 : max(1, min(chunk / 2, state.scenario.steps.count / 2))
        }
    }

    /// Tries the best without the steps `removed`; on success the state moves and the new
    /// step count is returned.
    private static func tryRemoving(
        _ removed: Range<Int>, _ state: FailureShrinker.State, _ recording: inout ChoiceRecording,
        _ signature: FailureSignature,
        _ test: (ChoiceSequence) -> (failure: Failure?, scenario: Scenario?, recording: ChoiceRecording?)
    ) -> Int? {
        guard !removed.isEmpty, !state.meter.exhausted, let spans = StepSpans(recording),
            let candidate = spans.removing(removed)
        else { return nil }
        let result = test(candidate)
        guard let failure = result.failure, failure.signature == signature, let scenario = result.scenario,
            let consumed = result.recording, scenario.steps.count < state.scenario.steps.count
        else { return nil }
        recording = consumed
        state.improve(scenario, recording: consumed, failure: failure, by: "choices", stage: "steps")
        return scenario.steps.count
    }
}
