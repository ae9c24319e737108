import Calico
import CalcGraph
import Driver
import Oracle

// The property layer over a model fed Calico writes: after each flush the messages are applied
// to the rebuilt dataplane (a broken stream guarantee is a `stream-integrity` failure) and the
// convergence property compares it with the oracle's state for the same snapshot, naming the
// failure (property, kind, aspect) as a campaign would. Scenarios cannot carry Calico writes
// yet, so the injected bugs that need them (`InjectedBug.needsCalicoResources`) are judged
// here, by hand-written sequences and by the Calico walks.

final class CalicoPropertyRun {
    let graph: CalcGraph
    private(set) var snapshot = ClusterSnapshot()
    private(set) var observed = DataplaneState()
    private var checkpoints = 0

    init(bugs: Set<InjectedBug>) {
        graph = CalcGraph(localHost: localHost, injections: bugs)
    }

    func write(_ w: Write) { snapshot.apply(w); graph.apply(w) }
    func write(_ w: CalicoWrite) { snapshot.apply(w); graph.apply(w) }

    /// Flushes and checks; nil when both properties hold. `before` is the snapshot the last
    /// checkpoint saw (the convergence property reads only `after`).
    func checkpoint(kind: String?) -> Failure? {
        let index = checkpoints == 0 ? nil : checkpoints - 1
        checkpoints += 1
        let ipSetsBefore = Set(observed.ipSets.keys)
        let messages = graph.flush()
        for message in messages {
            do throws(StreamViolation) {
                try observed.apply(message)
            } catch {
                return Failure(
                    property: .streamIntegrity, kind: error.kind, stepIndex: index, stepKind: kind, details: [error.message])
            }
        }
        let expected = Oracle.expectedState(of: snapshot, localHost: localHost)
        return PropertyChecks.convergence(.forTesting(
            stepIndex: index, stepKind: kind, writes: [], localHost: localHost, before: snapshot, after: snapshot,
            messages: messages, observed: observed, expected: expected, ipSetsBefore: ipSetsBefore))
    }

    /// Initial Kubernetes objects and Calico resources, in sync, then each step flushed, then a
    /// teardown of everything: the first failure, or nil. Every step kind is `calico`.
    static func firstFailure(
        bugs: Set<InjectedBug>, kube: [KubeObject], calico: [V3Resource], steps: [MixedStep]
    ) -> Failure? {
        let run = CalicoPropertyRun(bugs: bugs)
        for object in kube { run.write(.put(object)) }
        for resource in calico { run.write(.put(resource)) }
        run.graph.markInSync()
        if let failure = run.checkpoint(kind: nil) { return failure }
        for step in steps {
            for w in step.kube { run.write(w) }
            for w in step.calico { run.write(w) }
            if let failure = run.checkpoint(kind: "calico") { return failure }
        }
        for resource in run.snapshot.sortedCalicoResources { run.write(.delete(resource.key)) }
        for object in run.snapshot.allObjects.reversed() { run.write(.delete(object.ref)) }
        return run.checkpoint(kind: nil)
    }
}
