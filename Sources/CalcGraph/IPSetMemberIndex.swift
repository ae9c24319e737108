import Calico

// IPSetMemberIndex: the members of every active IP set.
// Source: projectcalico/calico:felix/labelindex/named_port_index.go (SelectorAndNamedPortIndex)
// and label_inheritance_index.go.
// Takes: IP set active/inactive from the rule scanner; every endpoint, local or remote; the
// namespace profiles' labels (inherited by their endpoints).
// Gives: member added/removed to the event sequencer. Members are reference-counted: two
// endpoints contributing the same member give one member, removed with the last of them.
// A set that goes inactive is dropped silently (the sequencer removes it whole).
// Cost:
// - set activated: one evaluation per endpoint (as in Felix);
// - new endpoint (or new profile list): one evaluation per active set;
// - relabel: only the sets whose selectors read a changed key are evaluated, and only the
//   sets the endpoint enters or leaves emit anything;
// - address change: only the sets the endpoint contributes to; named-port change: only the
//   named-port sets for the port names that changed;
// - namespace relabel: the sets reading a changed key, for that namespace's endpoints only;
// - set deactivated: O(its contributions).

final class IPSetMemberIndex: IPSetActivationSink, EndpointChangeSink, ParentLabelsSink {
    private let memberSink: any IPSetMemberSink
    private let labelChangeIgnoresExistence: Bool
    private let memberNotRefCounted: Bool
    private let namespaceLabelChangeNotReevaluated: Bool
    private let hasScanMissesInheritedLabels: Bool
    private let evaluation: SelectorEvaluation

    private var endpoints: [WorkloadEndpointID: EndpointData] = [:]
    private var inheritance = LabelInheritance()
    private var sets: [String: IPSetDefinition] = [:]
    private var selectors = SelectorKeyIndex<String>()
    /// Named-port sets by the port name they select.
    private var namedPortSets: [String: Set<String>] = [:]
    /// Set → endpoint → the members it contributes (non-empty only).
    private var contributions: [String: [WorkloadEndpointID: [String]]] = [:]
    /// Endpoint → the sets it contributes to.
    private var setsByEndpoint: [WorkloadEndpointID: Set<String>] = [:]
    /// Set → member → how many contributions carry it.
    private var memberCounts: [String: [String: Int]] = [:]
    /// How many (set, endpoint) pairs have been evaluated: the index's work, for cost checks.
    private(set) var evaluations = 0

    init(members: any IPSetMemberSink, injections: Set<InjectedBug>) {
        memberSink = members
        labelChangeIgnoresExistence = injections.contains(.labelChangeIgnoresExistence)
        memberNotRefCounted = injections.contains(.memberNotRefCounted)
        namespaceLabelChangeNotReevaluated = injections.contains(.namespaceLabelChangeNotReevaluated)
        hasScanMissesInheritedLabels = injections.contains(.hasScanMissesInheritedLabels)
        evaluation = SelectorEvaluation(notEqualFalseOnAbsentLabel: injections.contains(.notEqualFalseOnAbsentLabel))
    }

    // MARK: Sets

    func ipSetActivated(_ definition: IPSetDefinition) {
        let id = definition.id
        sets[id] = definition
        selectors.insert(id, definition.selector)
        if let port = definition.namedPort { namedPortSets[port.name, default: []].insert(id) }
        // A set that has just become active has no contributions yet, so an endpoint that
        // contributes nothing changes nothing: only the matches go through `setContribution`.
        // (Checked, not assumed: with stale contributions every endpoint takes the full path.)
        let fresh = contributions[id] == nil
        // The mutant: a fast path for a selector that is exactly `has(k)` scans only endpoints
        // with their own label k, forgetting the ones that inherit it from a parent.
        var scanKey: String? = nil
        if hasScanMissesInheritedLabels, case .has(let label) = definition.selector.expression { scanKey = label }
        for (endpointID, endpoint) in endpoints {
            if fresh, let scanKey, endpoint.labels[scanKey] == nil { continue }
            let labels = inheritance.labels(of: endpoint)
            guard fresh else { evaluate(id, endpointID, endpoint, labels); continue }
            evaluations += 1
            let members = contribution(definition, endpoint, labels)
            if !members.isEmpty { setContribution(id, endpointID, members) }
        }
    }

    func ipSetDeactivated(_ id: String) {
        guard let definition = sets.removeValue(forKey: id) else { return }
        selectors.remove(id)
        if let port = definition.namedPort {
            namedPortSets[port.name]?.remove(id)
            if namedPortSets[port.name]?.isEmpty == true { namedPortSets[port.name] = nil }
        }
        for endpointID in (contributions.removeValue(forKey: id) ?? [:]).keys {
            setsByEndpoint[endpointID]?.remove(id)
            if setsByEndpoint[endpointID]?.isEmpty == true { setsByEndpoint[endpointID] = nil }
        }
        memberCounts[id] = nil
    }

    // MARK: Endpoints

    func endpointChanged(_ id: WorkloadEndpointID, old: EndpointData?, new: EndpointData?) {
        inheritance.endpointChanged(id, old: old?.profileIDs ?? [], new: new?.profileIDs ?? [])
        endpoints[id] = new
        guard let new else {
            for setID in (setsByEndpoint[id] ?? []).sorted() { setContribution(setID, id, []) }
            return
        }
        let labels = inheritance.labels(of: new)
        guard let old, old.profileIDs == new.profileIDs, !old.memberAddresses.isEmpty else {
            for setID in sets.keys { evaluate(setID, id, new, labels) }
            return
        }
        var candidates = selectors.candidates(
            readingAnyOf: LabelDiff.changedKeys(old.labels, new.labels, ignoringExistence: labelChangeIgnoresExistence))
        if old.ipv4Nets != new.ipv4Nets || old.ipv6Nets != new.ipv6Nets {
            candidates.formUnion(setsByEndpoint[id] ?? [])
        }
        if old.namedPorts != new.namedPorts {
            let changedNames = Set(old.namedPorts.map(\.name)).union(new.namedPorts.map(\.name))
            for name in changedNames { candidates.formUnion(namedPortSets[name] ?? []) }
        }
        for setID in candidates { evaluate(setID, id, new, labels) }
    }

    func serviceAccountsListed() {
        for parent in inheritance.stopAssumingServiceAccounts() {
            parentLabelsChanged(parent.id, old: parent.labels, new: nil)
        }
    }

    func parentLabelsChanged(_ id: ProfileID, old: [String: String]?, new: [String: String]?) {
        inheritance.setNamespaceLabels(id, new)
        if namespaceLabelChangeNotReevaluated { return }  // The mutant stores but does not look.
        let changed = LabelDiff.changedKeys(old ?? [:], new ?? [:], ignoringExistence: labelChangeIgnoresExistence)
        let candidates = selectors.candidates(readingAnyOf: changed)
        if candidates.isEmpty { return }
        for endpointID in inheritance.children(of: id) {
            guard let endpoint = endpoints[endpointID] else { continue }
            let labels = inheritance.labels(of: endpoint)
            for setID in candidates { evaluate(setID, endpointID, endpoint, labels) }
        }
    }

    // MARK: Contributions

    private func evaluate(
        _ setID: String, _ endpointID: WorkloadEndpointID, _ endpoint: EndpointData, _ labels: InheritedLabels
    ) {
        guard let definition = sets[setID] else { return }
        evaluations += 1
        setContribution(setID, endpointID, contribution(definition, endpoint, labels))
    }

    /// The members the endpoint contributes to the set (empty when it does not match).
    private func contribution(_ definition: IPSetDefinition, _ endpoint: EndpointData, _ labels: InheritedLabels) -> [String] {
        if !evaluation.notEqualFalseOnAbsentLabel || evaluation.matches(definition.selector, labels) {
            return definition.members(of: endpoint, labels: labels)
        }
        return []
    }

    /// Replaces one endpoint's contribution to one set, emitting only the net member changes.
    private func setContribution(_ setID: String, _ endpointID: WorkloadEndpointID, _ new: [String]) {
        let old = contributions[setID]?[endpointID] ?? []
        if old == new { return }
        if new.isEmpty {
            contributions[setID]?[endpointID] = nil
            if contributions[setID]?.isEmpty == true { contributions[setID] = nil }
            setsByEndpoint[endpointID]?.remove(setID)
            if setsByEndpoint[endpointID]?.isEmpty == true { setsByEndpoint[endpointID] = nil }
        } else {
            contributions[setID, default: [:]][endpointID] = new
            setsByEndpoint[endpointID, default: []].insert(setID)
        }
        var delta: [String: Int] = [:]
        for member in new { delta[member, default: 0] += 1 }
        for member in old { delta[member, default: 0] -= 1 }
        for (member, change) in delta.sorted(by: { $0.key < $1.key }) where change != 0 {
            adjust(setID, member, by: change)
        }
    }

    private func adjust(_ setID: String, _ member: String, by change: Int) {
        let before = memberCounts[setID]?[member] ?? 0
        var after = before + change
        if memberNotRefCounted && change < 0 { after = 0 }  // The mutant: any release removes.
        if after <= 0 {
            memberCounts[setID]?[member] = nil
            if memberCounts[setID]?.isEmpty == true { memberCounts[setID] = nil }
        } else {
            memberCounts[setID, default: [:]][member] = after
        }
        if before == 0 && after > 0 { memberSink.memberAdded(set: setID, member: member) }
        if before > 0 && after <= 0 { memberSink.memberRemoved(set: setID, member: member) }
    }

    var leakReport: [String] {
        let name = "IPSetMemberIndex"
        return leakLine(name, "endpoints", count: endpoints.count)
            + leakLine(name, "inheritance", count: inheritance.isEmpty ? 0 : 1)
            + leakLine(name, "sets", count: sets.count)
            + leakLine(name, "selectorIndex", count: selectors.isEmpty ? 0 : max(1, selectors.count))
            + leakLine(name, "namedPortSets", count: namedPortSets.count)
            + leakLine(name, "contributions", count: contributions.count)
            + leakLine(name, "setsByEndpoint", count: setsByEndpoint.count)
            + leakLine(name, "memberCounts", count: memberCounts.count)
    }
}
