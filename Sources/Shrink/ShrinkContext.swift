// ShrinkContext: the state every pass works on: the best failing sequence, its spans, and the
// one way to try a candidate. Non-generic, so passes need not know the failure signature.
import Gen

/// What one candidate evaluation showed a pass.
public struct CandidateEvaluation: Sendable {
    /// The candidate failed with the target signature and became the new best.
    public var accepted: Bool
    /// What the run consumed (also for passing runs), when the test function reported it.
    public var recording: ChoiceRecording?
}

/// Shared state of a shrink. Passes read `best`/`spans`, build candidates, and call `consider`.
public final class ShrinkContext {
    public private(set) var best: ChoiceSequence
    public private(set) var spans: [ChoiceSpan]
    /// Set once the budget runs out; passes must return promptly when it is true.
    public var exhausted: Bool { isExhausted() }

    private let evaluate: (ChoiceSequence) -> (failedSame: Bool, recording: ChoiceRecording?, ran: Bool)
    private let isExhausted: () -> Bool
    var stats: [String: PassStatistics] = [:]
    var currentPass = "initial"
    private(set) var improvements = 0

    init(best: ChoiceRecording,
         evaluate: @escaping (ChoiceSequence) -> (failedSame: Bool, recording: ChoiceRecording?, ran: Bool),
         isExhausted: @escaping () -> Bool) {
        self.best = best.sequence
        self.spans = best.spans
        self.evaluate = evaluate
        self.isExhausted = isExhausted
    }

    /// Tries `candidate`; true when it still fails the same way and the sequence it consumed is
    /// shortlex-smaller than `best` (it then becomes `best`). Candidates not smaller than
    /// `best` are rejected without running the test.
    @discardableResult
    public func consider(_ candidate: ChoiceSequence) -> Bool {
        probe(candidate).accepted
    }

    /// Like `consider`, also returning what the run recorded.
    public func probe(_ candidate: ChoiceSequence) -> CandidateEvaluation {
        guard candidate < best, !exhausted else { return CandidateEvaluation(accepted: false, recording: nil) }
        let (failedSame, recording, ran) = evaluate(candidate)
        // Only test-function calls count: a cache hit is not a test case.
        if ran { stats[currentPass, default: PassStatistics(name: currentPass)].evaluations += 1 }
        guard failedSame, let recording, recording.sequence < best else {
            return CandidateEvaluation(accepted: false, recording: recording)
        }
        best = recording.sequence
        spans = recording.spans
        improvements += 1
        stats[currentPass, default: PassStatistics(name: currentPass)].successes += 1
        return CandidateEvaluation(accepted: true, recording: recording)
    }

    /// `best` with `range` replaced by `replacement`.
    public func replacing(_ range: Range<Int>, with replacement: [UInt64]) -> ChoiceSequence {
        var values = best.values
        values.replaceSubrange(range.clamped(to: 0..<values.count), with: replacement)
        return ChoiceSequence(values)
    }

    /// `best` with the value at each index set.
    public func setting(_ assignments: [(index: Int, value: UInt64)]) -> ChoiceSequence? {
        var values = best.values
        for (index, value) in assignments {
            guard values.indices.contains(index) else { return nil }
            values[index] = value
        }
        return ChoiceSequence(values)
    }
}
