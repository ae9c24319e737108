// A message that Felix's calc graph promises never to send in the state the dataplane is in.
// `kind` is a stable name (used in failure signatures); `message` says what arrived and why it
// breaks the promise. Source of the promises: projectcalico/calico
// felix/dataplane/mock/mock_dataplane.go and felix/calc/event_sequencer.go (spec §3.3).

/// A Felix message stream that breaks one of Felix's guarantees to its dataplane.
public struct StreamViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable, for failure signatures: one of `StreamViolation.Kind`'s raw values.
    public var kind: String
    /// What arrived and which guarantee it breaks.
    public var message: String
    /// The position of the offending message in the stream, when known.
    public var messageIndex: Int?

    public init(kind: String, message: String, messageIndex: Int? = nil) {
        self.kind = kind
        self.message = message
        self.messageIndex = messageIndex
    }

    init(_ kind: Kind, _ message: String) {
        self.init(kind: kind.rawValue, message: message)
    }

    public var description: String {
        if let messageIndex { return "\(kind) at message #\(messageIndex): \(message)" }
        return "\(kind): \(message)"
    }

    /// Every guarantee DataplaneState checks.
    public enum Kind: String, CaseIterable, Sendable {
        /// `IPSetUpdate` listing a member twice.
        case ipSetDuplicateMember = "ipset-duplicate-member"
        /// `IPSetDeltaUpdate` for a set the dataplane does not have.
        case ipSetDeltaUnknown = "ipset-delta-unknown"
        /// A delta adding a member the set already has.
        case ipSetAddPresent = "ipset-add-present"
        /// A delta removing a member the set does not have.
        case ipSetRemoveAbsent = "ipset-remove-absent"
        /// `IPSetRemove` for a set the dataplane does not have.
        case ipSetRemoveUnknown = "ipset-remove-unknown"
        /// `IPSetRemove` while an active policy or profile still references the set.
        case ipSetRemoveReferenced = "ipset-remove-referenced"
        /// `ActivePolicyUpdate` whose rules reference an IP set not yet sent.
        case policyIPSetUnknown = "policy-ipset-unknown"
        /// `ActiveProfileUpdate` whose rules reference an IP set not yet sent.
        case profileIPSetUnknown = "profile-ipset-unknown"
        /// `ActivePolicyRemove` of a policy never sent (or already removed).
        case policyRemoveUnknown = "policy-remove-unknown"
        /// `ActivePolicyRemove` while an endpoint's tiers still list the policy.
        case policyRemoveReferenced = "policy-remove-referenced"
        /// `ActiveProfileRemove` of a profile never sent (or already removed).
        case profileRemoveUnknown = "profile-remove-unknown"
        /// `ActiveProfileRemove` while an endpoint's profile_ids still list it.
        case profileRemoveReferenced = "profile-remove-referenced"
        /// `WorkloadEndpointUpdate` whose tiers list a policy that is not active.
        case endpointPolicyInactive = "endpoint-policy-inactive"
        /// `WorkloadEndpointUpdate` whose profile_ids list a profile that is not active.
        case endpointProfileInactive = "endpoint-profile-inactive"
        /// `WorkloadEndpointRemove` of an endpoint never sent (or already removed).
        case endpointRemoveUnknown = "endpoint-remove-unknown"
    }
}
