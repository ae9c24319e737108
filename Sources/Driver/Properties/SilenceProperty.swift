import Calico

/// *silence*: a step that leaves the cluster exactly as it was (an object written again
/// unchanged) emits nothing. Felix ignores an update whose value is unchanged
/// (projectcalico/calico felix/calc/active_rules_calculator.go; the dispatchers compare values).
enum SilenceProperty {
    static func check(_ o: StepObservation) -> Failure? {
        // Only a step made of puts of objects exactly as they are counts: a delete and
        // re-create in one step also ends where it began, but Felix legitimately re-sends
        // what it dropped and re-added within the flush (felix/calc/event_sequencer.go).
        guard o.stepIndex != nil, o.before == o.after, !o.writes.isEmpty,
            o.writes.allSatisfy({ write in
                guard case .put(let object) = write else { return false }
                return o.before.object(object.ref) == object
            })
        else { return nil }
        let modelled = o.messages.filter { if case .unmodelled = $0 { return false } else { return true } }
        guard !modelled.isEmpty else { return nil }
        return o.failure(
            .silence, "unchanged-write-emitted",
            ["the step changed nothing, yet the target emitted \(modelled.count) message(s):"]
                + modelled.prefix(8).map { "  " + $0.kindName + " " + MessageSummary.subject(of: $0) })
    }
}

/// A short name for what a message is about, for failure details.
enum MessageSummary {
    static func subject(of message: FelixMessage) -> String {
        switch message {
        case .inSync: return ""
        case .ipSetUpdate(let u): return u.id
        case .ipSetDeltaUpdate(let u): return u.id
        case .ipSetRemove(let id): return id
        case .activeProfileUpdate(let id, _), .activeProfileRemove(let id): return id.name
        case .activePolicyUpdate(let id, _), .activePolicyRemove(let id): return id.description
        case .workloadEndpointUpdate(let id, _), .workloadEndpointRemove(let id): return id.description
        case .unmodelled(let field): return "field \(field)"
        }
    }
}
