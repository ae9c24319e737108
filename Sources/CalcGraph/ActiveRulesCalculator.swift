import Calico

// ActiveRulesCalculator (ARC): which policies and profiles this host needs.
// Source: projectcalico/calico:felix/calc/active_rules_calculator.go and its InheritIndex
// (felix/labelindex/label_inheritance_index.go).
// Takes: local endpoints, all policies, namespace-profile labels and rules.
// Gives: policy active/inactive (a policy is active iff its selector matches at least one local
// endpoint; an active policy that changes is re-sent) and profile active/inactive (active iff a
// local endpoint references it; unknown profiles carry `ProfileConversion.missingProfile`) to
// the rule scanner; per-endpoint match started/stopped to the policy resolver.
// Cost: a new local endpoint (or one whose profiles changed) evaluates every policy selector;
// a relabel evaluates only the selectors that read a changed key; a new selector is evaluated
// against every local endpoint; a namespace relabel evaluates the selectors reading a changed
// key against that namespace's local endpoints. Other updates are O(matches touched).

final class ActiveRulesCalculator: LocalEndpointChangeSink, PolicyChangeSink, ParentLabelsSink, ProfileRulesSink {
    private let policySink: any PolicyActivationSink
    private let profileSink: any ProfileActivationSink
    private let matchSink: any PolicyMatchSink

    private let labelChangeIgnoresExistence: Bool
    private let profileRefNotReleased: Bool
    private let ruleChangeNotResent: Bool
    private let evaluation: SelectorEvaluation

    private var endpoints: [WorkloadEndpointID: EndpointData] = [:]
    private var inheritance = LabelInheritance()
    private var policies: [PolicyID: FelixPolicy] = [:]
    private var selectors = SelectorKeyIndex<PolicyID>()
    private var matchesByPolicy: [PolicyID: Set<WorkloadEndpointID>] = [:]
    private var matchesByEndpoint: [WorkloadEndpointID: Set<PolicyID>] = [:]
    /// Namespace profiles' rules, by profile (service-account profiles are implied).
    private var profileRules: [ProfileID: Profile] = [:]
    /// Active profiles: the local endpoints referencing each (`profileIDToEndpointKeys`).
    private var profileReferences: [ProfileID: Set<WorkloadEndpointID>] = [:]
    /// False until the cluster lists its ServiceAccounts; then an unlisted account is missing.
    private var serviceAccountsAreListed = false
    /// How many (policy, endpoint) pairs have been evaluated: the calculator's work, for cost checks.
    private(set) var evaluations = 0

    init(
        policies: any PolicyActivationSink, profiles: any ProfileActivationSink, matches: any PolicyMatchSink,
        injections: Set<InjectedBug>
    ) {
        policySink = policies
        profileSink = profiles
        matchSink = matches
        labelChangeIgnoresExistence = injections.contains(.labelChangeIgnoresExistence)
        profileRefNotReleased = injections.contains(.profileRefNotReleased)
        ruleChangeNotResent = injections.contains(.ruleChangeNotResent)
        evaluation = SelectorEvaluation(notEqualFalseOnAbsentLabel: injections.contains(.notEqualFalseOnAbsentLabel))
    }

    // MARK: Endpoints

    func localEndpointChanged(_ id: WorkloadEndpointID, old: EndpointData?, new: EndpointData?) {
        inheritance.endpointChanged(id, old: old?.profileIDs ?? [], new: new?.profileIDs ?? [])
        endpoints[id] = new
        updateProfileReferences(id, old: old?.profileIDs ?? [], new: new?.profileIDs ?? [], deleted: new == nil)

        guard let new else {
            for policy in (matchesByEndpoint[id] ?? []).sorted() { setMatch(policy, id, false) }
            return
        }
        if let old, old.profileIDs == new.profileIDs {
            let changed = LabelDiff.changedKeys(old.labels, new.labels, ignoringExistence: labelChangeIgnoresExistence)
            apply(evaluate(id, new, policies: selectors.candidates(readingAnyOf: changed)))
        } else {
            apply(evaluate(id, new, policies: selectors.selectors.keys))
        }
    }

    private func updateProfileReferences(_ id: WorkloadEndpointID, old: [String], new: [String], deleted: Bool) {
        for name in new where !old.contains(name) {
            let profile = ProfileID(name: name)
            let wasActive = profileReferences[profile] != nil
            profileReferences[profile, default: []].insert(id)
            if !wasActive { profileSink.profileActivated(profile, rules: rules(of: profile)) }
        }
        if deleted && profileRefNotReleased { return }  // The mutant skips the Discard.
        for name in old where !new.contains(name) {
            let profile = ProfileID(name: name)
            profileReferences[profile]?.remove(id)
            if profileReferences[profile]?.isEmpty == true {
                profileReferences[profile] = nil
                profileSink.profileDeactivated(profile)
            }
        }
    }

    private func rules(of profile: ProfileID) -> Profile {
        if let rules = profileRules[profile] { return rules }
        if !serviceAccountsAreListed, let account = ServiceAccountProfiles.profile(profile) { return account.profile }
        return ProfileConversion.missingProfile
    }

    // MARK: Profiles

    func profileRulesChanged(_ id: ProfileID, rules: Profile?) {
        let before = self.rules(of: id)
        profileRules[id] = rules
        let after = self.rules(of: id)
        if profileReferences[id] != nil && before != after {
            profileSink.profileActivated(id, rules: after)
        }
    }

    /// Both sink protocols ask; the second call finds nothing left to do.
    func serviceAccountsListed() {
        if !serviceAccountsAreListed {
            let assumed = profileReferences.keys.sorted().filter {
                profileRules[$0] == nil && ServiceAccountProfiles.parse($0) != nil
            }
            let before = assumed.map(rules(of:))
            serviceAccountsAreListed = true
            for (id, old) in zip(assumed, before) where rules(of: id) != old {
                profileSink.profileActivated(id, rules: rules(of: id))
            }
        }
        for parent in inheritance.stopAssumingServiceAccounts() {
            parentLabelsChanged(parent.id, old: parent.labels, new: nil)
        }
    }

    func parentLabelsChanged(_ id: ProfileID, old: [String: String]?, new: [String: String]?) {
        inheritance.setNamespaceLabels(id, new)
        let changed = LabelDiff.changedKeys(old ?? [:], new ?? [:], ignoringExistence: labelChangeIgnoresExistence)
        let candidates = selectors.candidates(readingAnyOf: changed)
        if candidates.isEmpty { return }
        var decisions: [MatchDecision] = []
        for endpointID in inheritance.children(of: id).sorted() {
            if let endpoint = endpoints[endpointID] { decisions += evaluate(endpointID, endpoint, policies: candidates) }
        }
        apply(decisions)
    }

    // MARK: Policies

    func policyChanged(_ id: PolicyID, old: FelixPolicy?, new: FelixPolicy?) {
        guard let new else {
            policies[id] = nil
            selectors.remove(id)
            for endpoint in (matchesByPolicy[id] ?? []).sorted() { setMatch(id, endpoint, false) }
            return
        }
        let wasActive = matchesByPolicy[id] != nil
        policies[id] = new
        if old?.selector != new.selector {
            selectors.insert(id, new.selector)
            var decisions: [MatchDecision] = []
            for (endpointID, endpoint) in endpoints {
                evaluations += 1
                let matches = evaluation.matches(new.selector, inheritance.labels(of: endpoint))
                decisions.append(MatchDecision(policy: id, endpoint: endpointID, matches: matches))
            }
            apply(decisions)
        }
        // Still active and changed: re-send, so the scanner and sequencer see the new rules.
        if wasActive, matchesByPolicy[id] != nil, let old, old != new {
            let metadataChanged = old.selector != new.selector || old.order != new.order
                || old.appliesToIngress != new.appliesToIngress || old.appliesToEgress != new.appliesToEgress
                || old.tier != new.tier
            if !ruleChangeNotResent || metadataChanged { policySink.policyActivated(new) }
        }
    }

    // MARK: Matching

    /// One (policy, endpoint) pair's match state, decided but not yet recorded.
    private struct MatchDecision {
        var policy: PolicyID
        var endpoint: WorkloadEndpointID
        var matches: Bool
    }

    private func evaluate(
        _ id: WorkloadEndpointID, _ endpoint: EndpointData, policies candidates: some Collection<PolicyID>
    ) -> [MatchDecision] {
        if candidates.isEmpty { return [] }
        let labels = inheritance.labels(of: endpoint)
        var decisions: [MatchDecision] = []
        for policyID in candidates {
            guard let selector = selectors.selectors[policyID] else { continue }
            evaluations += 1
            decisions.append(MatchDecision(policy: policyID, endpoint: id, matches: evaluation.matches(selector, labels)))
        }
        return decisions
    }

    /// Records decisions, every start before any stop: then a policy or IP set that is still
    /// needed after the update never blinks inactive in between (which would re-send an IP set
    /// whole), and the outcome does not depend on the order the candidates were visited in.
    private func apply(_ decisions: [MatchDecision]) {
        for decision in decisions where decision.matches { setMatch(decision.policy, decision.endpoint, true) }
        for decision in decisions where !decision.matches { setMatch(decision.policy, decision.endpoint, false) }
    }

    /// Records one (policy, endpoint) match state; activates the policy on its first match and
    /// deactivates it after its last.
    private func setMatch(_ policyID: PolicyID, _ endpointID: WorkloadEndpointID, _ matches: Bool) {
        if matches {
            if matchesByPolicy[policyID]?.contains(endpointID) == true { return }
            let wasActive = matchesByPolicy[policyID] != nil
            matchesByPolicy[policyID, default: []].insert(endpointID)
            matchesByEndpoint[endpointID, default: []].insert(policyID)
            if !wasActive, let policy = policies[policyID] { policySink.policyActivated(policy) }
            matchSink.matchStarted(policy: policyID, endpoint: endpointID)
        } else {
            guard matchesByPolicy[policyID]?.remove(endpointID) != nil else { return }
            matchesByEndpoint[endpointID]?.remove(policyID)
            if matchesByEndpoint[endpointID]?.isEmpty == true { matchesByEndpoint[endpointID] = nil }
            matchSink.matchStopped(policy: policyID, endpoint: endpointID)
            if matchesByPolicy[policyID]?.isEmpty == true {
                matchesByPolicy[policyID] = nil
                policySink.policyDeactivated(policyID)
            }
        }
    }

    var leakReport: [String] {
        let name = "ActiveRulesCalculator"
        return leakLine(name, "endpoints", count: endpoints.count)
            + leakLine(name, "inheritance", count: inheritance.isEmpty ? 0 : 1)
            + leakLine(name, "policies", count: policies.count)
            + leakLine(name, "selectorIndex", count: selectors.isEmpty ? 0 : max(1, selectors.count))
            + leakLine(name, "matchesByPolicy", count: matchesByPolicy.count)
            + leakLine(name, "matchesByEndpoint", count: matchesByEndpoint.count)
            + leakLine(name, "profileRules", count: profileRules.count)
            + leakLine(name, "profileReferences", count: profileReferences.count)
    }
}
