import Calico

// EventSequencer: buffers the graph's outputs between flushes, coalesces them, and emits them
// in Felix's dependency order.
// Source: projectcalico/calico:felix/calc/event_sequencer.go (`Flush` and the `On…` handlers).
// Takes: IP set added/removed and member added/removed, active policy and profile
// update/remove, workload endpoint update/remove, in-sync.
// Gives, at each flush: IPSetUpdate → IPSetDeltaUpdate → ActivePolicyUpdate →
// ActiveProfileUpdate → WorkloadEndpointUpdate, then WorkloadEndpointRemove →
// ActiveProfileRemove → ActivePolicyRemove → IPSetRemove, then InSync after the first flush
// that follows in-sync. Within one kind, sorted by ID (Felix's order there is Go's map order,
// which is random; sorting keeps the model deterministic).
// Coalescing within a flush: an update cancels a pending removal; the removal of something never
// sent is dropped; a set added again after being sent is re-sent whole (its pending deltas
// discarded); a member added then removed (or the reverse) cancels out.
// Cost: O(1) per event; a flush is O(n log n) in what it emits.

final class EventSequencer: IPSetActivationSink, IPSetMemberSink, ActivePolicySink, ActiveProfileSink,
    WorkloadEndpointSink
{
    private let endpointsFirst: Bool
    private let removesFirst: Bool
    private let ipSetRemoveFirst: Bool
    private let reAddedIPSetSentAsDelta: Bool

    /// IP sets the dataplane has been sent (and not told to remove).
    private var sentIPSets: Set<String> = []
    /// Sets to send whole at the next flush, with the members accumulated so far.
    private var pendingIPSetUpdates: [String: (type: IPSetType, members: Set<String>)] = [:]
    private var pendingDeltas: [String: (added: Set<String>, removed: Set<String>)] = [:]
    private var pendingIPSetRemoves: Set<String> = []

    private var sentPolicies: Set<PolicyID> = []
    private var pendingPolicyUpdates: [PolicyID: Policy] = [:]
    private var pendingPolicyRemoves: Set<PolicyID> = []

    private var sentProfiles: Set<ProfileID> = []
    private var pendingProfileUpdates: [ProfileID: Profile] = [:]
    private var pendingProfileRemoves: Set<ProfileID> = []

    private var sentEndpoints: Set<WorkloadEndpointID> = []
    private var pendingEndpointUpdates: [WorkloadEndpointID: WorkloadEndpoint] = [:]
    private var pendingEndpointRemoves: Set<WorkloadEndpointID> = []

    private var inSyncPending = false
    private var inSyncSent = false

    init(injections: Set<InjectedBug>) {
        endpointsFirst = injections.contains(.flushOrderEndpointsFirst)
        removesFirst = injections.contains(.flushOrderRemovesFirst)
        ipSetRemoveFirst = injections.contains(.flushOrderIPSetRemoveFirst)
        reAddedIPSetSentAsDelta = injections.contains(.reAddedIPSetSentAsDelta)
    }

    func markInSync() {
        if !inSyncSent { inSyncPending = true }
    }

    // MARK: IP sets

    func ipSetActivated(_ definition: IPSetDefinition) {
        let id = definition.id
        if reAddedIPSetSentAsDelta && pendingIPSetRemoves.contains(id) {
            // The mutant: cancel the removal and keep going with deltas on the old contents.
            pendingIPSetRemoves.remove(id)
            return
        }
        pendingIPSetRemoves.remove(id)
        pendingDeltas[id] = nil
        pendingIPSetUpdates[id] = (definition.type, [])
    }

    func ipSetDeactivated(_ id: String) {
        pendingIPSetUpdates[id] = nil
        pendingDeltas[id] = nil
        if sentIPSets.contains(id) { pendingIPSetRemoves.insert(id) }
    }

    func memberAdded(set id: String, member: String) {
        if pendingIPSetUpdates[id] != nil {
            pendingIPSetUpdates[id]?.members.insert(member)
            return
        }
        var delta = pendingDeltas[id] ?? ([], [])
        if delta.removed.remove(member) == nil { delta.added.insert(member) }
        pendingDeltas[id] = delta.added.isEmpty && delta.removed.isEmpty ? nil : delta
    }

    func memberRemoved(set id: String, member: String) {
        if pendingIPSetUpdates[id] != nil {
            pendingIPSetUpdates[id]?.members.remove(member)
            return
        }
        var delta = pendingDeltas[id] ?? ([], [])
        if delta.added.remove(member) == nil { delta.removed.insert(member) }
        pendingDeltas[id] = delta.added.isEmpty && delta.removed.isEmpty ? nil : delta
    }

    // MARK: Policies, profiles, endpoints

    func activePolicyUpdated(_ id: PolicyID, policy: Policy) {
        pendingPolicyRemoves.remove(id)
        pendingPolicyUpdates[id] = policy
    }

    func activePolicyRemoved(_ id: PolicyID) {
        pendingPolicyUpdates[id] = nil
        if sentPolicies.contains(id) { pendingPolicyRemoves.insert(id) }
    }

    func activeProfileUpdated(_ id: ProfileID, profile: Profile) {
        pendingProfileRemoves.remove(id)
        pendingProfileUpdates[id] = profile
    }

    func activeProfileRemoved(_ id: ProfileID) {
        pendingProfileUpdates[id] = nil
        if sentProfiles.contains(id) { pendingProfileRemoves.insert(id) }
    }

    func endpointUpdated(_ id: WorkloadEndpointID, endpoint: WorkloadEndpoint) {
        pendingEndpointRemoves.remove(id)
        pendingEndpointUpdates[id] = endpoint
    }

    func endpointRemoved(_ id: WorkloadEndpointID) {
        pendingEndpointUpdates[id] = nil
        if sentEndpoints.contains(id) { pendingEndpointRemoves.insert(id) }
    }

    // MARK: Flush

    func flush() -> [FelixMessage] {
        var ipSetRemoves = takeIPSetRemoves()
        var messages: [FelixMessage] = []
        if ipSetRemoveFirst {
            messages += ipSetRemoves
            ipSetRemoves = []
        }
        let updates = takeIPSetUpdates() + takeIPSetDeltas() + takePolicyUpdates() + takeProfileUpdates()
        let endpointUpdates = takeEndpointUpdates()
        let removes = takeEndpointRemoves() + takeProfileRemoves() + takePolicyRemoves() + ipSetRemoves
        switch (endpointsFirst, removesFirst) {
        case (true, false): messages += endpointUpdates + updates + removes
        case (false, true): messages += removes + updates + endpointUpdates
        case (true, true): messages += removes + endpointUpdates + updates
        case (false, false): messages += updates + endpointUpdates + removes
        }
        if inSyncPending {
            inSyncPending = false
            inSyncSent = true
            messages.append(.inSync)
        }
        return messages
    }

    private func takeIPSetUpdates() -> [FelixMessage] {
        defer { pendingIPSetUpdates = [:] }
        return pendingIPSetUpdates.keys.sorted().map { id in
            let pending = pendingIPSetUpdates[id]!
            sentIPSets.insert(id)
            return .ipSetUpdate(IPSetUpdate(id: id, members: pending.members.sorted(), type: pending.type))
        }
    }

    private func takeIPSetDeltas() -> [FelixMessage] {
        defer { pendingDeltas = [:] }
        return pendingDeltas.keys.sorted().map { id in
            let delta = pendingDeltas[id]!
            return .ipSetDeltaUpdate(
                IPSetDeltaUpdate(id: id, addedMembers: delta.added.sorted(), removedMembers: delta.removed.sorted()))
        }
    }

    private func takeIPSetRemoves() -> [FelixMessage] {
        defer { pendingIPSetRemoves = [] }
        return pendingIPSetRemoves.sorted().map { id in
            sentIPSets.remove(id)
            return .ipSetRemove(id: id)
        }
    }

    private func takePolicyUpdates() -> [FelixMessage] {
        defer { pendingPolicyUpdates = [:] }
        return pendingPolicyUpdates.keys.sorted().map { id in
            sentPolicies.insert(id)
            return .activePolicyUpdate(id: id, policy: pendingPolicyUpdates[id]!)
        }
    }

    private func takePolicyRemoves() -> [FelixMessage] {
        defer { pendingPolicyRemoves = [] }
        return pendingPolicyRemoves.sorted().map { id in
            sentPolicies.remove(id)
            return .activePolicyRemove(id: id)
        }
    }

    private func takeProfileUpdates() -> [FelixMessage] {
        defer { pendingProfileUpdates = [:] }
        return pendingProfileUpdates.keys.sorted().map { id in
            sentProfiles.insert(id)
            return .activeProfileUpdate(id: id, profile: pendingProfileUpdates[id]!)
        }
    }

    private func takeProfileRemoves() -> [FelixMessage] {
        defer { pendingProfileRemoves = [] }
        return pendingProfileRemoves.sorted().map { id in
            sentProfiles.remove(id)
            return .activeProfileRemove(id: id)
        }
    }

    private func takeEndpointUpdates() -> [FelixMessage] {
        defer { pendingEndpointUpdates = [:] }
        return pendingEndpointUpdates.keys.sorted().map { id in
            sentEndpoints.insert(id)
            return .workloadEndpointUpdate(id: id, endpoint: pendingEndpointUpdates[id]!)
        }
    }

    private func takeEndpointRemoves() -> [FelixMessage] {
        defer { pendingEndpointRemoves = [] }
        return pendingEndpointRemoves.sorted().map { id in
            sentEndpoints.remove(id)
            return .workloadEndpointRemove(id: id)
        }
    }

    var leakReport: [String] {
        let name = "EventSequencer"
        return leakLine(name, "sentIPSets", count: sentIPSets.count)
            + leakLine(name, "pendingIPSetUpdates", count: pendingIPSetUpdates.count)
            + leakLine(name, "pendingDeltas", count: pendingDeltas.count)
            + leakLine(name, "pendingIPSetRemoves", count: pendingIPSetRemoves.count)
            + leakLine(name, "sentPolicies", count: sentPolicies.count)
            + leakLine(name, "pendingPolicyUpdates", count: pendingPolicyUpdates.count)
            + leakLine(name, "pendingPolicyRemoves", count: pendingPolicyRemoves.count)
            + leakLine(name, "sentProfiles", count: sentProfiles.count)
            + leakLine(name, "pendingProfileUpdates", count: pendingProfileUpdates.count)
            + leakLine(name, "pendingProfileRemoves", count: pendingProfileRemoves.count)
            + leakLine(name, "sentEndpoints", count: sentEndpoints.count)
            + leakLine(name, "pendingEndpointUpdates", count: pendingEndpointUpdates.count)
            + leakLine(name, "pendingEndpointRemoves", count: pendingEndpointRemoves.count)
    }
}
