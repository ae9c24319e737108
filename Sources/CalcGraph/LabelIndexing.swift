import Calico

// Shared building blocks of the two label indexes (the active-rules calculator's policy
// matcher and the IP-set member index), each of which owns its own instances:
// - `SelectorKeyIndex`: selectors indexed by the label keys they read, so a relabel only
//   re-evaluates the selectors that read a changed key.
// - `LabelInheritance`: parent-profile labels and which endpoints inherit from each parent.
// - `LabelDiff`: which label keys changed between two label maps.
// - `SelectorEvaluation`: selector matching, with the `notEqualFalseOnAbsentLabel` bug.
// Source: projectcalico/calico:felix/labelindex/label_inheritance_index.go (Felix scans all
// selectors on a relabel; indexing by key gives the same answers for less work).

/// Selectors by ID, indexed by the label keys each one reads.
/// Cost: insert/remove O(keys of the selector); candidates O(changed keys + result).
struct SelectorKeyIndex<ID: Hashable> {
    private(set) var selectors: [ID: Selector] = [:]
    private var idsByKey: [String: Set<ID>] = [:]

    var isEmpty: Bool { selectors.isEmpty && idsByKey.isEmpty }
    var count: Int { selectors.count }
    var keyCount: Int { idsByKey.count }

    mutating func insert(_ id: ID, _ selector: Selector) {
        if let old = selectors[id] {
            if old == selector { return }
            remove(id)
        }
        selectors[id] = selector
        for key in selector.labelKeys { idsByKey[key, default: []].insert(id) }
    }

    mutating func remove(_ id: ID) {
        guard let old = selectors.removeValue(forKey: id) else { return }
        for key in old.labelKeys {
            idsByKey[key]?.remove(id)
            if idsByKey[key]?.isEmpty == true { idsByKey[key] = nil }
        }
    }

    /// The selectors whose result may differ when exactly `keys` changed.
    func candidates(readingAnyOf keys: Set<String>) -> Set<ID> {
        var result: Set<ID> = []
        for key in keys { if let ids = idsByKey[key] { result.formUnion(ids) } }
        return result
    }
}

/// Which label keys changed between two label maps.
enum LabelDiff {
    /// Keys whose value or existence differs. With `ignoringExistence` (the injected bug
    /// `labelChangeIgnoresExistence`), an absent key reads as "", as Go's `map[k] != v` does.
    static func changedKeys(
        _ old: [String: String], _ new: [String: String], ignoringExistence: Bool
    ) -> Set<String> {
        var keys: Set<String> = []
        if ignoringExistence {
            for (key, value) in new where (old[key] ?? "") != value { keys.insert(key) }
            for (key, value) in old where (new[key] ?? "") != value { keys.insert(key) }
        } else {
            for (key, value) in new where old[key] != value { keys.insert(key) }
            for key in old.keys where new[key] == nil { keys.insert(key) }
        }
        return keys
    }
}

/// Parent-profile labels and the endpoints that inherit from each parent.
/// Namespace profiles' labels arrive from the dispatcher. Until the cluster lists its
/// ServiceAccounts, service-account profiles are assumed to exist with only their name label
/// (spec §0 A3), so their labels are made on first use and dropped with their last child; once
/// it does, theirs arrive from the dispatcher too.
/// Cost: O(profiles of the endpoint) per endpoint change; O(1) per parent update.
struct LabelInheritance {
    private(set) var parentLabels: [ProfileID: [String: String]] = [:]
    private var namespaceProfiles: Set<ProfileID> = []
    private(set) var children: [ProfileID: Set<WorkloadEndpointID>] = [:]
    private var assumesServiceAccounts = true

    var isEmpty: Bool { parentLabels.isEmpty && namespaceProfiles.isEmpty && children.isEmpty }

    /// The endpoint's labels as selectors see them: own first, then each parent in order.
    func labels(of endpoint: EndpointData) -> InheritedLabels {
        InheritedLabels(
            own: endpoint.labels, parents: endpoint.profileIDs.map { parentLabels[ProfileID(name: $0)] ?? [:] })
    }

    func children(of parent: ProfileID) -> Set<WorkloadEndpointID> { children[parent] ?? [] }

    /// Returns the previous labels.
    mutating func setNamespaceLabels(_ id: ProfileID, _ labels: [String: String]?) {
        if let labels {
            namespaceProfiles.insert(id)
            parentLabels[id] = labels
        } else {
            namespaceProfiles.remove(id)
            parentLabels[id] = nil
        }
    }

    /// Stops assuming service accounts. Gives the assumed service-account parents and their
    /// labels, sorted, which the caller then removes as parent label changes.
    mutating func stopAssumingServiceAccounts() -> [(id: ProfileID, labels: [String: String])] {
        guard assumesServiceAccounts else { return [] }
        assumesServiceAccounts = false
        return parentLabels.keys.sorted()
            .filter { !namespaceProfiles.contains($0) && ServiceAccountProfiles.parse($0) != nil }
            .map { ($0, parentLabels[$0] ?? [:]) }
    }

    mutating func endpointChanged(_ id: WorkloadEndpointID, old: [String], new: [String]) {
        if old == new { return }
        for name in old where !new.contains(name) {
            let parent = ProfileID(name: name)
            children[parent]?.remove(id)
            if children[parent]?.isEmpty == true {
                children[parent] = nil
                if !namespaceProfiles.contains(parent) { parentLabels[parent] = nil }
            }
        }
        for name in new where !old.contains(name) {
            let parent = ProfileID(name: name)
            children[parent, default: []].insert(id)
            if assumesServiceAccounts, parentLabels[parent] == nil, let labels = ServiceAccountProfiles.labels(of: parent) {
                parentLabels[parent] = labels
            }
        }
    }
}

/// Service-account profiles, which a cluster of pods, namespaces and policies always has
/// (the API server creates the accounts; spec §0 A3).
enum ServiceAccountProfiles {
    /// `ksa.<ns>.<sa>` → (namespace, account). Namespace names are DNS labels (no dots).
    static func parse(_ id: ProfileID) -> (namespace: String, name: String)? {
        let prefix = ProfileConversion.serviceAccountProfilePrefix
        guard id.name.hasPrefix(prefix) else { return nil }
        let rest = id.name.dropFirst(prefix.count)
        guard let dot = rest.firstIndex(of: ".") else { return nil }
        return (String(rest[..<dot]), String(rest[rest.index(after: dot)...]))
    }

    static func profile(_ id: ProfileID) -> ProfileData? {
        parse(id).map { ProfileConversion.serviceAccountProfile(namespace: $0.namespace, name: $0.name) }
    }

    static func labels(of id: ProfileID) -> [String: String]? { profile(id)?.labels }
}

/// Selector matching as one component performs it, with the `notEqualFalseOnAbsentLabel` bug.
struct SelectorEvaluation {
    let notEqualFalseOnAbsentLabel: Bool

    func matches(_ selector: Selector, _ labels: InheritedLabels) -> Bool {
        if notEqualFalseOnAbsentLabel {
            return SelectorEvaluation.requiringPresence(selector.expression).evaluate(labels)
        }
        return selector.matches(labels)
    }

    /// The expression with every `!=` and `not in` also requiring the label to be present:
    /// the injected bug, built without touching the selector module.
    static func requiringPresence(_ expression: SelectorExpression) -> SelectorExpression {
        switch expression {
        case .notEquals(let label, _), .notIn(let label, _):
            return .and([.has(label: label), expression])
        case .not(let operand): return .not(requiringPresence(operand))
        case .and(let operands): return .and(operands.map(requiringPresence))
        case .or(let operands): return .or(operands.map(requiringPresence))
        default: return expression
        }
    }
}

/// One line of a leak report, or nothing when the structure is empty.
func leakLine(_ component: String, _ structure: String, count: Int) -> [String] {
    count == 0 ? [] : ["\(component).\(structure): \(count) left"]
}
