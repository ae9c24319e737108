import Calico

/// The per-step property checks, callable one at a time (the runner calls them in order;
/// tests call them directly on hand-made observations).
public enum PropertyChecks {
    public static func convergence(_ o: StepObservation) -> Failure? { ConvergenceProperty.check(o) }
    public static func silence(_ o: StepObservation) -> Failure? { SilenceProperty.check(o) }
    public static func costBounds(_ o: StepObservation) -> Failure? { CostBoundsProperty.check(o) }
    public static func workBounds(_ o: StepObservation) -> Failure? { WorkBoundsProperty.check(o) }
    /// The aspect of an `endpoint-tiers` difference (see `FailureAspect`).
    public static func tiersAspect(expected: [TierInfo], observed: [TierInfo]) -> String {
        FailureAspect.tiersAspect(expected: expected, observed: observed)
    }
    public static func noLeaks(_ o: StepObservation, internalLeaks: [String]?) -> Failure? {
        NoLeaksProperty.check(o, internalLeaks: internalLeaks)
    }
}

extension StepObservation {
    /// An observation built by hand, for tests of single properties.
    public static func forTesting(
        stepIndex: Int?, stepKind: String?, writes: [Write], localHost: String = "host-0",
        before: ClusterSnapshot, after: ClusterSnapshot, messages: [FelixMessage],
        observed: DataplaneState = DataplaneState(), expected: DataplaneState = DataplaneState(),
        selectorEvaluations: Int? = nil, ipSetsBefore: Set<String> = []
    ) -> StepObservation {
        StepObservation(
            stepIndex: stepIndex, stepKind: stepKind, writes: writes, localHost: localHost, before: before,
            after: after, messages: messages, observed: observed, expected: expected,
            selectorEvaluations: selectorEvaluations, ipSetsBefore: ipSetsBefore)
    }
}
