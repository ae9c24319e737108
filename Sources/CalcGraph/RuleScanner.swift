import Calico

// RuleScanner: which IP sets the active rules need.
// Source: projectcalico/calico:felix/calc/rule_scanner.go. (The conversion module has already
// replaced rule selectors and named ports by IP set IDs: `FelixPolicy.ipSets`.)
// Takes: policy and profile active/inactive from the active-rules calculator.
// Gives: IP set active/inactive (active iff at least one active policy references it; the
// namespace and service-account profiles reference none) to the event sequencer and the member
// index, then the policy or profile itself to the event sequencer.
// Cost: O(IP sets of the policy) per activation, deactivation or re-send.

final class RuleScanner: PolicyActivationSink, ProfileActivationSink {
    private let ipSetSinks: [any IPSetActivationSink]
    private let policySink: any ActivePolicySink
    private let profileSink: any ActiveProfileSink
    private let ipSetNotRefCounted: Bool

    /// Active policies and the IP set IDs each references.
    private var setsByPolicy: [PolicyID: [String]] = [:]
    /// IP set ID → the active policies referencing it (the reference count).
    private var policiesBySet: [String: Set<PolicyID>] = [:]

    init(
        ipSetSinks: [any IPSetActivationSink], policies: any ActivePolicySink, profiles: any ActiveProfileSink,
        injections: Set<InjectedBug>
    ) {
        self.ipSetSinks = ipSetSinks
        policySink = policies
        profileSink = profiles
        ipSetNotRefCounted = injections.contains(.ipSetNotRefCounted)
    }

    func policyActivated(_ policy: FelixPolicy) {
        let id = policy.id
        let old = setsByPolicy[id] ?? []
        let new = policy.ipSets.map(\.id)
        // New references first, so a set shared by the old and new rules never blinks out.
        for definition in policy.ipSets where !old.contains(definition.id) {
            let wasActive = policiesBySet[definition.id] != nil
            policiesBySet[definition.id, default: []].insert(id)
            if !wasActive { for sink in ipSetSinks { sink.ipSetActivated(definition) } }
        }
        setsByPolicy[id] = new
        policySink.activePolicyUpdated(id, policy: policy.policy)
        for setID in old where !new.contains(setID) { release(setID, by: id) }
    }

    func policyDeactivated(_ id: PolicyID) {
        guard let sets = setsByPolicy.removeValue(forKey: id) else { return }
        policySink.activePolicyRemoved(id)
        for setID in sets { release(setID, by: id) }
    }

    private func release(_ setID: String, by policy: PolicyID) {
        if ipSetNotRefCounted {
            // The mutant: the first release drops the set's tracking wholesale.
            guard policiesBySet.removeValue(forKey: setID) != nil else { return }
            for sink in ipSetSinks { sink.ipSetDeactivated(setID) }
            return
        }
        policiesBySet[setID]?.remove(policy)
        if policiesBySet[setID]?.isEmpty == true {
            policiesBySet[setID] = nil
            for sink in ipSetSinks { sink.ipSetDeactivated(setID) }
        }
    }

    func profileActivated(_ id: ProfileID, rules: Profile) {
        profileSink.activeProfileUpdated(id, profile: rules)
    }

    func profileDeactivated(_ id: ProfileID) {
        profileSink.activeProfileRemoved(id)
    }

    var leakReport: [String] {
        leakLine("RuleScanner", "setsByPolicy", count: setsByPolicy.count)
            + leakLine("RuleScanner", "policiesBySet", count: policiesBySet.count)
    }
}
