import Calico

// Namespace steps: create, delete (with its pods and policies), relabel, rotate maturity, toggle
// default deny. Each gives the writes, or nil when it has no target. Every step returned changes
// the cluster. Cost: O(objects in the namespace) for delete and toggle, O(namespaces) for rotate.

extension GenerationState {
    mutating func createNamespaceStep(_ draw: Draw) throws -> [Write]? {
        [.put(.namespace(try makeNamespace(draw)))]
    }

    /// Deletes the namespace's pods, then its policies, then the namespace (see `Step`).
    func deleteNamespaceStep(_ draw: Draw) throws -> [Write]? {
        guard let name = try pickNamespace(draw) else { return nil }
        let pods = population.podKeys(inNamespace: name).map {
            Write.delete(ObjectRef(kind: .pod, namespace: $0.namespace, name: $0.name))
        }
        let policies = population.policyKeys(inNamespace: name).map {
            Write.delete(ObjectRef(kind: .networkPolicy, namespace: $0.namespace, name: $0.name))
        }
        return pods + policies + [.delete(ObjectRef(kind: .namespace, name: name))]
    }

    /// New area/maturity labels (choice 0), or 1 in 3 times one of the two added or removed;
    /// if unchanged, maturity moves one place along the ring. A namespace with pods is picked
    /// 3 in 4 times when there is one: its relabel is what moves IP set members.
    func relabelNamespaceStep(_ draw: Draw) throws -> [Write]? {
        let populated = population.namespaceNames.filter { !population.podKeys(inNamespace: $0).isEmpty }
        let picked = try !populated.isEmpty && !draw.oneIn(4) ? draw.element(populated) : pickNamespace(draw)
        guard let name = picked, let namespace = population.namespace(name) else { return nil }
        var labels = try draw.oneIn(3)
            ? LabelSelectorGenerator.togglingOneKey(draw, namespace.labels, Vocabulary.namespaceLabels)
            : namespaceLabels(draw, name: name)
        if labels == namespace.labels {
            labels["maturity"] = Vocabulary.nextMaturity(after: labels["maturity"] ?? "staging")
        }
        var changed = namespace
        changed.metadata.labels = labels
        return [.put(.namespace(changed))]
    }

    /// Every namespace with a maturity on the ring moves one place: production → out-of-service
    /// first, staging → production last (so for a moment nothing is in production).
    func rotateMaturityStep() -> [Write]? {
        Self.rotateMaturityWrites(population.namespaceNames.compactMap { population.namespace($0) })
    }

    static func rotateMaturityWrites(_ namespaces: [Namespace]) -> [Write]? {
        let ring = Vocabulary.maturities
        let moving = namespaces.compactMap { ns -> (Int, Namespace)? in
            guard let value = ns.labels["maturity"], let rank = ring.firstIndex(of: value) else { return nil }
            return (rank, ns)
        }.sorted { ($0.0, $0.1.name) < ($1.0, $1.1.name) }
        guard !moving.isEmpty else { return nil }
        return moving.map { _, ns in
            var changed = ns
            changed.metadata.labels?["maturity"] = Vocabulary.nextMaturity(after: ns.labels["maturity"] ?? "")
            return .put(.namespace(changed))
        }
    }

    /// Creates the namespace's `default-deny` policy, or deletes it when present.
    func toggleDefaultDenyStep(_ draw: Draw) throws -> [Write]? {
        guard let name = try pickNamespace(draw) else { return nil }
        let key = ObjectKey(namespace: name, name: Vocabulary.defaultDenyName)
        if population.policy(key) != nil {
            return [.delete(ObjectRef(kind: .networkPolicy, namespace: name, name: Vocabulary.defaultDenyName))]
        }
        return [.put(.networkPolicy(NetworkPolicyGenerator.defaultDeny(namespace: name)))]
    }
}
