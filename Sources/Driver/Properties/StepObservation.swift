import Calico

/// Everything the per-step properties look at: the step, the cluster before and after,
/// the messages the target emitted for it, and the state rebuilt so far.
public struct StepObservation {
    /// nil for the initial sync; `steps.count` for the teardown.
    public var stepIndex: Int?
    public var stepKind: String?
    public var writes: [Write]
    public var localHost: String
    public var before: ClusterSnapshot
    public var after: ClusterSnapshot
    public var messages: [FelixMessage]
    public var observed: DataplaneState
    public var expected: DataplaneState
    /// Selector evaluations the target performed for this step; nil when it cannot count.
    public var selectorEvaluations: Int? = nil
    /// The IP sets in the rebuilt state before this step's messages.
    public var ipSetsBefore: Set<String> = []
    /// For the initial sync, the messages of the flush before InSync (which sends the IP sets,
    /// policies and profiles): read only to name a failure's aspect, so that an initial-sync
    /// failure names the message that really sent the state.
    var earlierMessages: [FelixMessage] = []

    func failure(_ property: PropertyName, _ kind: String, _ details: [String], aspect: String? = nil) -> Failure {
        Failure(property: property, kind: kind, aspect: aspect, stepIndex: stepIndex, stepKind: stepKind, details: details)
    }
}
