import Calico
import Gen
import Oracle

// Runs one scenario against one target and checks the properties after every flush:
//
//   begin ─► apply initial objects ─► markInSync ─► flush ─► check
//         ─► for each step: apply writes ─► flush ─► check
//         ─► teardown: delete every object ─► flush ─► check (+ no leaks)
//
// The oracle recomputes the expected state from the snapshot at each checkpoint. Stream
// integrity is checked as each message is applied to the rebuilt state.

/// The result of running one scenario.
public struct ScenarioOutcome: Sendable {
    /// The first failure, if any (the run stops there).
    public var failure: Failure?
    /// Steps applied (including the failing one).
    public var stepsRun: Int
    /// Messages emitted, by message kind.
    public var messagesByKind: [String: Int]
    /// Messages emitted, by the kind of step that caused them.
    public var messagesByStepKind: [String: Int]
    /// Steps run, by kind.
    public var stepKinds: [String: Int]

    package init(
        failure: Failure?, stepsRun: Int, messagesByKind: [String: Int], messagesByStepKind: [String: Int],
        stepKinds: [String: Int]
    ) {
        self.failure = failure
        self.stepsRun = stepsRun
        self.messagesByKind = messagesByKind
        self.messagesByStepKind = messagesByStepKind
        self.stepKinds = stepKinds
    }
}

/// Drives a `Target` through a `Scenario` and judges it against the oracle.
public struct ScenarioRunner: Sendable {
    public var properties: PropertySet

    public init(properties: PropertySet = .all) {
        self.properties = properties
    }

    public func run(_ scenario: Scenario, on target: any Target) -> ScenarioOutcome {
        var run = RunState(localHost: scenario.localHost)
        do {
            try target.begin(localHost: scenario.localHost)
            defer { try? target.end() }

            // Initial cluster: a flush before in-sync (Felix may send IP sets, policies and
            // profiles then, but no endpoint), then the first in-sync flush.
            let initialWrites = scenario.initial.map { Write.put($0).asStoredByAPIServer }
            try target.apply(initialWrites)
            var initialSnapshot = ClusterSnapshot()
            initialSnapshot.apply(initialWrites)
            let initialExpected = Oracle.expectedState(of: initialSnapshot, localHost: scenario.localHost)
            if let failure = try preSyncFlush(&run, target: target, expected: initialExpected) {
                return run.outcome(failure)
            }
            try target.markInSync()
            if let failure = try checkpoint(
                &run, target: target, index: nil, kind: nil, writes: initialWrites, expected: initialExpected)
            {
                return run.outcome(failure)
            }

            for (index, step) in scenario.steps.enumerated() {
                run.stepsRun += 1
                run.stepKinds[step.kind.rawValue, default: 0] += 1
                run.currentStep = (index, step.kind.rawValue)
                let writes = step.writes.map(\.asStoredByAPIServer)
                try target.apply(writes)
                if let failure = try checkpoint(
                    &run, target: target, index: index, kind: step.kind.rawValue, writes: writes)
                {
                    return run.outcome(failure)
                }
            }

            // Teardown: delete everything, so leaks show.
            run.currentStep = (scenario.steps.count, nil)
            let teardown = Self.teardownWrites(for: run.snapshot)
            try target.apply(teardown)
            if let failure = try checkpoint(
                &run, target: target, index: scenario.steps.count, kind: nil, writes: teardown)
            {
                return run.outcome(failure)
            }
            return run.outcome(nil)
        } catch let reported as TargetReportedFailure {
            var failure = reported.failure
            // A target that fails inside flush (a live deadline) cannot know the step: fill it in.
            if failure.stepIndex == nil, let current = run.currentStep {
                failure.stepIndex = current.index
                failure.stepKind = current.kind
            }
            return run.outcome(failure)
        } catch {
            let failure = Failure(
                property: .targetError, kind: "target-threw", stepIndex: run.stepsRun == 0 ? nil : run.stepsRun - 1,
                stepKind: nil, details: ["\(error)"])
            return run.outcome(failure)
        }
    }

    /// Deletes in reverse dependency order: policies, pods, then namespaces and nodes.
    public static func teardownWrites(for snapshot: ClusterSnapshot) -> [Write] {
        snapshot.allObjects.reversed().map { .delete($0.ref) }
    }

    /// The flush before the datastore is in sync: applied to the rebuilt state (so the
    /// stream stays checkable) but not judged for convergence, since Felix sends no
    /// endpoints until the first in-sync flush (felix/calc/policy_resolver.go).
    private func preSyncFlush(_ run: inout RunState, target: any Target, expected: DataplaneState) throws -> Failure? {
        let messages = try target.flush(expecting: expected)
        run.preSyncMessages = messages
        if properties.contains(.streamIntegrity),
            let id = messages.lazy.compactMap({ message -> WorkloadEndpointID? in
                if case .workloadEndpointUpdate(let id, _) = message { return id }
                return nil
            }).first
        {
            return Failure(
                property: .streamIntegrity, kind: "endpoint-before-insync", stepIndex: nil, stepKind: nil,
                details: ["WorkloadEndpointUpdate for \(id) was sent before the datastore was in sync"])
        }
        return absorb(messages, into: &run, index: nil, kind: nil, countedAs: nil, expected: expected)
    }

    /// Counts the messages and applies them to the rebuilt state; a message that breaks the
    /// stream's guarantees is a stream-integrity failure.
    private func absorb(
        _ messages: [FelixMessage], into run: inout RunState, index: Int?, kind: String?, countedAs stepKind: String?,
        expected: DataplaneState
    ) -> Failure? {
        for message in messages {
            if case .unmodelled = message { continue }
            run.messagesByKind[message.kindName, default: 0] += 1
            if let stepKind { run.messagesByStepKind[stepKind, default: 0] += 1 }
            do {
                try run.observed.apply(message)
            } catch {
                guard properties.contains(.streamIntegrity) else { continue }
                return Failure(
                    property: .streamIntegrity, kind: error.kind,
                    aspect: FailureAspect.streamViolation(
                        kind: error.kind, message: message, before: run.observed, expected: expected),
                    stepIndex: index, stepKind: kind, details: [error.message])
            }
        }
        return nil
    }

    private func checkpoint(
        _ run: inout RunState, target: any Target, index: Int?, kind: String?, writes: [Write],
        expected known: DataplaneState? = nil
    ) throws -> Failure? {
        let before = run.snapshot
        run.snapshot.apply(writes)
        let expected = known ?? Oracle.expectedState(of: run.snapshot, localHost: run.localHost)
        let ipSetsBefore = Set(run.observed.ipSets.keys)
        let messages = try target.flush(expecting: expected)
        let work = target.selectorEvaluations.map { $0 - run.selectorEvaluations }
        run.selectorEvaluations = target.selectorEvaluations ?? 0
        let counted = kind ?? (index == nil ? "initial-sync" : "teardown")
        if let failure = absorb(messages, into: &run, index: index, kind: kind, countedAs: counted, expected: expected) {
            return failure
        }

        var observation = StepObservation(
            stepIndex: index, stepKind: kind, writes: writes, localHost: run.localHost,
            before: before, after: run.snapshot, messages: messages, observed: run.observed, expected: expected,
            selectorEvaluations: work, ipSetsBefore: ipSetsBefore)
        if index == nil { observation.earlierMessages = run.preSyncMessages }
        let isTeardown = kind == nil && index != nil
        if isTeardown, properties.contains(.noLeaks),
            let failure = NoLeaksProperty.check(observation, internalLeaks: target.internalLeaks)
        {
            return failure
        }
        if properties.contains(.convergence), let failure = ConvergenceProperty.check(observation) {
            return failure
        }
        if properties.contains(.silence), let failure = SilenceProperty.check(observation) {
            return failure
        }
        if properties.contains(.costBounds),
            let failure = CostBoundsProperty.check(observation) ?? WorkBoundsProperty.check(observation)
        {
            return failure
        }
        return nil
    }
}

/// What the runner carries from one checkpoint to the next.
private struct RunState {
    var localHost: String
    var snapshot = ClusterSnapshot()
    var observed = DataplaneState()
    var stepsRun = 0
    var messagesByKind: [String: Int] = [:]
    var messagesByStepKind: [String: Int] = [:]
    var stepKinds: [String: Int] = [:]
    /// The target's selector evaluations at the last checkpoint (each step's work is the difference).
    var selectorEvaluations = 0
    /// The step being applied (index, kind; nil kind for the teardown), for failures thrown by the target.
    var currentStep: (index: Int, kind: String?)?
    /// The flush before InSync, for naming an initial-sync failure's aspect.
    var preSyncMessages: [FelixMessage] = []

    init(localHost: String) { self.localHost = localHost }

    func outcome(_ failure: Failure?) -> ScenarioOutcome {
        ScenarioOutcome(
            failure: failure, stepsRun: stepsRun, messagesByKind: messagesByKind,
            messagesByStepKind: messagesByStepKind, stepKinds: stepKinds)
    }
}
