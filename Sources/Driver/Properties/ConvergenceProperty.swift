import Calico

/// *convergence*: after every flush, the state rebuilt from the emitted messages equals the
/// oracle's state for the current snapshot. The failure's kind is the first kind of
/// difference in sorted order, so it stays put while shrinking removes unrelated ones; its
/// aspect (`FailureAspect`) comes from the first difference of that kind.
enum ConvergenceProperty {
    static func check(_ o: StepObservation) -> Failure? {
        let differences = o.observed.differences(from: o.expected)
        guard let first = differences.map(\.kind).min() else { return nil }
        return o.failure(
            .convergence, first, differences.map { $0.description },
            aspect: FailureAspect.convergence(kind: first, differences: differences, observation: o))
    }
}
