// A dataplane state as the messages that build it from nothing, in an order that keeps every
// stream guarantee: InSync, IP sets, policies, profiles, endpoints (each sorted by ID).
// Takes: a state. Gives: messages. Cost: linear in the state.
// Why: one live Felix serves many scenario runs, but each run's checks start from an empty
// rebuilt state; the live target opens each run with the state Felix already has.

import Calico

enum DataplaneResync {
    static func messages(for state: DataplaneState) -> [FelixMessage] {
        var messages: [FelixMessage] = state.inSync ? [.inSync] : []
        for id in state.ipSets.keys.sorted() {
            let set = state.ipSets[id]!
            messages.append(.ipSetUpdate(IPSetUpdate(id: id, members: set.members.sorted(), type: set.type)))
        }
        for id in state.policies.keys.sorted() { messages.append(.activePolicyUpdate(id: id, policy: state.policies[id]!)) }
        for id in state.profiles.keys.sorted() { messages.append(.activeProfileUpdate(id: id, profile: state.profiles[id]!)) }
        for id in state.endpoints.keys.sorted() {
            messages.append(.workloadEndpointUpdate(id: id, endpoint: state.endpoints[id]!))
        }
        return messages
    }

    static func isEmpty(_ state: DataplaneState) -> Bool {
        state.ipSets.isEmpty && state.policies.isEmpty && state.profiles.isEmpty && state.endpoints.isEmpty
    }
}
