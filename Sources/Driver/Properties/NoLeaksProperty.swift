import Calico

/// *no leaks*: once every object is deleted, the emitted state is empty and the target's
/// internal indexes and reference counts are all back to empty.
enum NoLeaksProperty {
    static func check(_ o: StepObservation, internalLeaks: [String]?) -> Failure? {
        var details: [String] = []
        let state = o.observed
        details += state.ipSets.keys.sorted().map { "IP set \($0) still programmed" }
        details += state.policies.keys.sorted().map { "policy \($0) still active" }
        details += state.profiles.keys.sorted().map { "profile \($0.name) still active" }
        details += state.endpoints.keys.sorted().map { "endpoint \($0) still present" }
        if !details.isEmpty { return o.failure(.noLeaks, "emitted-state-left", details) }
        if let internalLeaks, !internalLeaks.isEmpty {
            return o.failure(.noLeaks, "internal-state-left", internalLeaks.sorted())
        }
        return nil
    }
}
