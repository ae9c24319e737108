import Calico

// Population: the live cluster while a sequence is being generated. Takes writes as steps are
// made; gives the objects and, for each kind, its keys in sorted order, so a step can pick "the
// k-th existing pod" by index. Picking through the live population is what makes every decoded
// choice sequence valid: whatever a recorded number says, it is reduced to an existing object.
// Cost: O(log n) to find a key, O(n) to insert or remove one (array shift), O(1) to pick.

/// The cluster under generation, with sorted key lists for picking by index.
struct Population {
    private(set) var snapshot = ClusterSnapshot()
    private(set) var namespaceNames: [String] = []
    private(set) var nodeNames: [String] = []
    private(set) var podKeys: [ObjectKey] = []
    private(set) var policyKeys: [ObjectKey] = []

    init(objects: [KubeObject] = []) {
        for object in objects { apply(.put(object)) }
    }

    mutating func apply(_ writes: [Write]) {
        for write in writes { apply(write) }
    }

    mutating func apply(_ write: Write) {
        let ref = write.ref
        let present = snapshot.object(ref) != nil
        snapshot.apply(write)
        let nowPresent = snapshot.object(ref) != nil
        guard present != nowPresent else { return }
        switch ref.kind {
        case .namespace: Population.update(&namespaceNames, ref.name, insert: nowPresent)
        case .node: Population.update(&nodeNames, ref.name, insert: nowPresent)
        case .pod: Population.update(&podKeys, key(ref), insert: nowPresent)
        case .networkPolicy: Population.update(&policyKeys, key(ref), insert: nowPresent)
        case .serviceAccount: break  // Not drawn from yet; the snapshot keeps them.
        }
    }

    private func key(_ ref: ObjectRef) -> ObjectKey { ObjectKey(namespace: ref.namespace ?? "default", name: ref.name) }

    private static func update<K: Comparable>(_ keys: inout [K], _ key: K, insert: Bool) {
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        if insert {
            keys.insert(key, at: low)
        } else if low < keys.count, keys[low] == key {
            keys.remove(at: low)
        }
    }

    func namespace(_ name: String) -> Namespace? { snapshot.namespaces[name] }
    func pod(_ key: ObjectKey) -> Pod? { snapshot.pods[key] }
    func policy(_ key: ObjectKey) -> NetworkPolicy? { snapshot.policies[key] }

    /// Pods in one namespace, sorted (O(pods)).
    func podKeys(inNamespace namespace: String) -> [ObjectKey] { podKeys.filter { $0.namespace == namespace } }
    func policyKeys(inNamespace namespace: String) -> [ObjectKey] { policyKeys.filter { $0.namespace == namespace } }

    var objectCount: Int { namespaceNames.count + nodeNames.count + podKeys.count + policyKeys.count }
}
