import Driver
import Foundation

/// What a running campaign reports, as it happens. Progress lines, `--json` events and the
/// HTML report are all built from these.
public enum CampaignEvent: Sendable {
    /// A sequence finished (passed, or failed and was handled).
    case sequenceFinished(index: Int, steps: Int, failed: Bool)
    /// A failure with a new signature was found (before shrinking).
    case failureFound(index: Int, failure: Failure)
    /// A failure was shrunk and saved.
    case reproducerSaved(FailureRecord)
    /// A failure with an already-seen signature was counted, not saved again.
    case duplicateFailure(index: Int, signature: FailureSignature)
}

/// One saved failure, as summaries and reports list it.
public struct FailureRecord: Codable, Hashable, Sendable {
    public var signature: FailureSignature
    public var reproducerID: String
    public var path: String
    public var seed: String
    public var index: Int
    public var originalSteps: Int
    public var shrunkSteps: Int
    public var shrinkEvaluations: Int
    public var shrinkSeconds: Double
    public var shrinkBudgetExhausted: Bool
    public var message: String
    /// How many more times the same signature was hit.
    public var duplicates: Int
}
