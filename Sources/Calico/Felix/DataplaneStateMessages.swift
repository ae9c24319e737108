// A dataplane state as the messages that build it from nothing, in an order that keeps every
// stream guarantee: InSync, IP sets, policies, profiles, endpoints (each sorted by ID).
// Takes: a state. Gives: messages. Cost: linear in the state.
// Why: a stream can be joined late. The dataplane driver opens each new relay client with the
// state Felix already sent, and the live target opens each scenario run with the state it
// already has; both need the same messages, in the same order.

extension DataplaneState {
    /// The messages that rebuild this state from an empty one.
    public var rebuildingMessages: [FelixMessage] {
        var messages: [FelixMessage] = inSync ? [.inSync] : []
        for id in ipSets.keys.sorted() {
            let set = ipSets[id]!
            messages.append(.ipSetUpdate(IPSetUpdate(id: id, members: set.members.sorted(), type: set.type)))
        }
        for id in policies.keys.sorted() { messages.append(.activePolicyUpdate(id: id, policy: policies[id]!)) }
        for id in profiles.keys.sorted() { messages.append(.activeProfileUpdate(id: id, profile: profiles[id]!)) }
        for id in endpoints.keys.sorted() { messages.append(.workloadEndpointUpdate(id: id, endpoint: endpoints[id]!)) }
        return messages
    }

    /// True when the state holds nothing but (perhaps) the InSync flag.
    public var holdsNothing: Bool {
        ipSets.isEmpty && policies.isEmpty && profiles.isEmpty && endpoints.isEmpty
    }
}
