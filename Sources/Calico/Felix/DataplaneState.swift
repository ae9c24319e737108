// The dataplane as Felix's messages build it: IP sets, active policies and profiles, local
// endpoints, and whether InSync has arrived. Applying a message checks the promises Felix's
// calc graph makes to its dataplane (spec §3.3, "Guarantees the mock dataplane checks"), so a
// stream that breaks one is rejected with a `StreamViolation` naming the promise.
// Takes: FelixMessages, one at a time. Gives: the state, or the first violation.
// Cost: O(size of the message), except removals of a policy, profile or IP set, which scan the
// endpoints or the rules that could still reference them (kept simple on purpose: no derived
// indexes that could drift from the public fields).
// Source: projectcalico/calico felix/dataplane/mock/mock_dataplane.go,
// felix/calc/event_sequencer.go (flush order: IP sets before policies before profiles before
// endpoints; removals in the reverse order).

/// One IP set as the dataplane holds it.
public struct IPSetState: Codable, Hashable, Sendable {
    public var type: IPSetType
    public var members: Set<String>

    public init(type: IPSetType, members: Set<String> = []) {
        self.type = type
        self.members = members
    }

    private enum CodingKeys: String, CodingKey { case type, members }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(IPSetType.self, forKey: .type)
        members = Set(try c.decode([String].self, forKey: .members))
    }

    /// Members encode sorted, so the same set is the same bytes.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(members.sorted(), forKey: .members)
    }
}

/// The dataplane's view of Felix's policy output.
public struct DataplaneState: Hashable, Sendable {
    public var ipSets: [String: IPSetState] = [:]
    public var policies: [PolicyID: Policy] = [:]
    public var profiles: [ProfileID: Profile] = [:]
    public var endpoints: [WorkloadEndpointID: WorkloadEndpoint] = [:]
    public var inSync: Bool = false

    public init() {}

    /// Applies one message, enforcing Felix's stream guarantees; throws on a violation and then
    /// leaves the state unchanged.
    public mutating func apply(_ message: FelixMessage) throws(StreamViolation) {
        switch message {
        case .inSync:
            inSync = true
        case .ipSetUpdate(let update):
            try applyIPSetUpdate(update)
        case .ipSetDeltaUpdate(let delta):
            try applyIPSetDelta(delta)
        case .ipSetRemove(let id):
            try removeIPSet(id)
        case .activePolicyUpdate(let id, let policy):
            if let missing = Self.firstUnknown(policy.inboundRules + policy.outboundRules, in: ipSets) {
                throw StreamViolation(.policyIPSetUnknown,
                    "ActivePolicyUpdate for \(id) references IP set \(missing), which has not been sent; Felix sends IP sets before the policies that use them")
            }
            policies[id] = policy
        case .activePolicyRemove(let id):
            guard policies[id] != nil else {
                throw StreamViolation(.policyRemoveUnknown, "ActivePolicyRemove for \(id), which is not active")
            }
            if let user = endpoints.keys.sorted().first(where: { endpoints[$0]!.referencedPolicies.contains(id) }) {
                throw StreamViolation(.policyRemoveReferenced,
                    "ActivePolicyRemove for \(id) while endpoint \(user) still lists it in its tiers; Felix updates or removes endpoints first")
            }
            policies[id] = nil
        case .activeProfileUpdate(let id, let profile):
            if let missing = Self.firstUnknown(profile.inboundRules + profile.outboundRules, in: ipSets) {
                throw StreamViolation(.profileIPSetUnknown,
                    "ActiveProfileUpdate for \(id) references IP set \(missing), which has not been sent; Felix sends IP sets before the profiles that use them")
            }
            profiles[id] = profile
        case .activeProfileRemove(let id):
            guard profiles[id] != nil else {
                throw StreamViolation(.profileRemoveUnknown, "ActiveProfileRemove for \(id), which is not active")
            }
            if let user = endpoints.keys.sorted().first(where: { endpoints[$0]!.profileIDs.contains(id.name) }) {
                throw StreamViolation(.profileRemoveReferenced,
                    "ActiveProfileRemove for \(id) while endpoint \(user) still lists it in profile_ids; Felix updates or removes endpoints first")
            }
            profiles[id] = nil
        case .workloadEndpointUpdate(let id, let endpoint):
            // An endpoint before InSync is allowed here; whether Felix sent one is judged elsewhere.
            if let policy = endpoint.referencedPolicies.first(where: { policies[$0] == nil }) {
                throw StreamViolation(.endpointPolicyInactive,
                    "WorkloadEndpointUpdate for \(id) lists policy \(policy) in its tiers, but that policy is not active; Felix sends ActivePolicyUpdate first")
            }
            if let profile = endpoint.profileIDs.first(where: { profiles[ProfileID(name: $0)] == nil }) {
                throw StreamViolation(.endpointProfileInactive,
                    "WorkloadEndpointUpdate for \(id) lists profile \(profile), which is not active; Felix sends ActiveProfileUpdate first")
            }
            endpoints[id] = endpoint
        case .workloadEndpointRemove(let id):
            guard endpoints[id] != nil else {
                throw StreamViolation(.endpointRemoveUnknown, "WorkloadEndpointRemove for \(id), which the dataplane does not have")
            }
            endpoints[id] = nil
        case .unmodelled:
            break
        }
    }

    /// Applies messages in order; a violation carries the index of the offending message.
    public mutating func apply(contentsOf messages: [FelixMessage]) throws(StreamViolation) {
        for (index, message) in messages.enumerated() {
            do throws(StreamViolation) {
                try apply(message)
            } catch {
                var located = error
                located.messageIndex = index
                throw located
            }
        }
    }

    // MARK: IP sets

    /// A full update: a new set, or a replacement of one already sent (allowed; spec §3.3).
    private mutating func applyIPSetUpdate(_ update: IPSetUpdate) throws(StreamViolation) {
        var members = Set<String>()
        for member in update.members where !members.insert(member).inserted {
            throw StreamViolation(.ipSetDuplicateMember,
                "IPSetUpdate for \(update.id) lists member \(member) more than once; a full update must list each member once")
        }
        ipSets[update.id] = IPSetState(type: update.type, members: members)
    }

    /// Added members first, then removed ones, each checked against the set as it stands.
    private mutating func applyIPSetDelta(_ delta: IPSetDeltaUpdate) throws(StreamViolation) {
        guard var set = ipSets[delta.id] else {
            throw StreamViolation(.ipSetDeltaUnknown,
                "IPSetDeltaUpdate for \(delta.id), which has not been sent; Felix sends a full IPSetUpdate first")
        }
        for member in delta.addedMembers where !set.members.insert(member).inserted {
            throw StreamViolation(.ipSetAddPresent,
                "IPSetDeltaUpdate for \(delta.id) adds \(member), which the set already has")
        }
        for member in delta.removedMembers where set.members.remove(member) == nil {
            throw StreamViolation(.ipSetRemoveAbsent,
                "IPSetDeltaUpdate for \(delta.id) removes \(member), which the set does not have")
        }
        ipSets[delta.id] = set
    }

    private mutating func removeIPSet(_ id: String) throws(StreamViolation) {
        guard ipSets[id] != nil else {
            throw StreamViolation(.ipSetRemoveUnknown, "IPSetRemove for \(id), which the dataplane does not have")
        }
        if let user = policies.keys.sorted().first(where: { Self.references(policies[$0]!, id) }) {
            throw StreamViolation(.ipSetRemoveReferenced,
                "IPSetRemove for \(id) while active policy \(user) still references it; Felix removes or updates the policy first")
        }
        if let user = profiles.keys.sorted().first(where: { Self.references(profiles[$0]!, id) }) {
            throw StreamViolation(.ipSetRemoveReferenced,
                "IPSetRemove for \(id) while active profile \(user) still references it; Felix removes or updates the profile first")
        }
        ipSets[id] = nil
    }

    private static func firstUnknown(_ rules: [Rule], in ipSets: [String: IPSetState]) -> String? {
        for rule in rules {
            if let id = rule.referencedIPSetIDs.first(where: { ipSets[$0] == nil }) { return id }
        }
        return nil
    }

    private static func references(_ policy: Policy, _ id: String) -> Bool {
        (policy.inboundRules + policy.outboundRules).contains { $0.referencedIPSetIDs.contains(id) }
    }

    private static func references(_ profile: Profile, _ id: String) -> Bool {
        (profile.inboundRules + profile.outboundRules).contains { $0.referencedIPSetIDs.contains(id) }
    }
}

extension WorkloadEndpoint {
    /// Every policy the endpoint's tiers list, ingress and egress.
    public var referencedPolicies: Set<PolicyID> {
        var ids = Set<PolicyID>()
        for tier in tiers {
            ids.formUnion(tier.ingressPolicies)
            ids.formUnion(tier.egressPolicies)
        }
        return ids
    }
}
