// ShrinkOutcome: what one replay of a candidate choice sequence showed. Produced by the
// caller's test function; consumed by the Shrinker. Cost: a recording per evaluation.
import Gen

/// The result of running the test on one candidate sequence.
///
/// `signature` identifies *which* failure happened (the caller decides: an assertion name, a
/// difference kind…). The shrinker only accepts candidates failing with the signature it is
/// shrinking, so it never "slips" onto a different bug. `recording` is what the run actually
/// consumed, with its spans; the shrinker adopts the consumed sequence (never longer or larger
/// than needed) and uses the spans for its structural passes.
public struct ShrinkOutcome<Signature: Hashable & Sendable>: Sendable {
    public enum Status: Hashable, Sendable {
        /// The property held.
        case passed
        /// The candidate could not be used (generation failed, a precondition was violated).
        case invalid
        /// The property failed with this signature.
        case failed(Signature)
    }

    public var status: Status
    /// The choices consumed and spans recorded; nil when the run produced nothing usable.
    public var recording: ChoiceRecording?

    public init(status: Status, recording: ChoiceRecording?) {
        self.status = status; self.recording = recording
    }

    public static func passed(_ recording: ChoiceRecording?) -> ShrinkOutcome { .init(status: .passed, recording: recording) }
    public static func invalid(_ recording: ChoiceRecording? = nil) -> ShrinkOutcome { .init(status: .invalid, recording: recording) }
    public static func failed(_ signature: Signature, _ recording: ChoiceRecording) -> ShrinkOutcome {
        .init(status: .failed(signature), recording: recording)
    }

    public var failureSignature: Signature? {
        if case .failed(let signature) = status { return signature }
        return nil
    }
}
