// ObjectFingerprint: the memo key of a Kubernetes object — the object itself, with a 64-bit
// fingerprint of all its strings computed in one pass, and whether they are all ASCII.
//
// Why not the object's own Hashable: Swift hashes a dictionary entry by entry, each with a fresh
// SipHash, and a pod or policy is mostly dictionaries and strings, so hashing one cost more than
// half of what the memo saved. The fingerprint is FNV-1a over the UTF-8 bytes (entries of a
// dictionary combined by addition, so their order does not matter); equal objects have equal
// fingerprints, and two keys are equal only when the objects are `==` as well, so a fingerprint
// collision costs a comparison, never a wrong answer.
//
// Why ASCII matters: Swift compares strings by Unicode canonical equivalence while Calico
// compares bytes, so two pods whose labels differ only in how "é" is encoded are `==` here but
// different pods to Felix. For an all-ASCII object (every generated one, and every name and
// label key Kubernetes validation accepts) `==` is byte equality; callers convert any other
// object afresh instead of looking it up.
// Cost: O(total string bytes) to build, O(1) to hash, `==` of the objects to compare (which is
// quick for copies that share storage).

/// A memo key: an object, its fingerprint, and whether its strings are all ASCII.
struct ObjectFingerprint<Object: Hashable & Sendable>: Hashable, Sendable {
    let object: Object
    let fingerprint: UInt64
    let isASCII: Bool

    static func == (lhs: ObjectFingerprint, rhs: ObjectFingerprint) -> Bool {
        lhs.fingerprint == rhs.fingerprint && lhs.object == rhs.object
    }

    func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }
}

extension ObjectFingerprint where Object == Pod {
    init(_ pod: Pod) {
        var walk = StringWalk()
        walk.add(pod.apiVersion); walk.add(pod.kind); walk.add(pod.metadata)
        let spec = pod.spec
        walk.add(spec.nodeName); walk.add(spec.serviceAccountName)
        walk.mark(spec.hostNetwork.map { $0 ? 2 : 1 } ?? 0)
        for container in spec.containers { walk.add(container) }
        walk.mark(spec.initContainers?.count ?? -1)
        for container in spec.initContainers ?? [] { walk.add(container) }
        if let status = pod.status {
            walk.add(status.phase); walk.add(status.podIP)
            walk.mark(status.podIPs?.count ?? -1)
            for ip in status.podIPs ?? [] { walk.add(ip.ip) }
        } else {
            walk.mark(-2)
        }
        self.init(object: pod, fingerprint: walk.hash, isASCII: walk.isASCII)
    }
}

extension ObjectFingerprint where Object == Namespace {
    init(_ namespace: Namespace) {
        var walk = StringWalk()
        walk.add(namespace.apiVersion); walk.add(namespace.kind); walk.add(namespace.metadata)
        self.init(object: namespace, fingerprint: walk.hash, isASCII: walk.isASCII)
    }
}

extension ObjectFingerprint where Object == NetworkPolicy {
    init(_ policy: NetworkPolicy) {
        var walk = StringWalk()
        walk.add(policy.apiVersion); walk.add(policy.kind); walk.add(policy.metadata)
        let spec = policy.spec
        walk.add(spec.podSelector)
        walk.add(spec.policyTypes)
        walk.mark(spec.ingress?.count ?? -1)
        for rule in spec.ingress ?? [] { walk.add(rule.ports); walk.add(rule.from) }
        walk.mark(spec.egress?.count ?? -1)
        for rule in spec.egress ?? [] { walk.add(rule.ports); walk.add(rule.to) }
        self.init(object: policy, fingerprint: walk.hash, isASCII: walk.isASCII)
    }
}

/// One pass over an object's strings: an FNV-1a fingerprint and an all-ASCII flag. Lists every
/// string field of the modelled Kubernetes types; a field added to them must be added here
/// (or the ASCII check would miss it).
struct StringWalk {
    private(set) var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    private(set) var isASCII = true

    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Folds a string's bytes (and a terminator, so "ab","c" differs from "a","bc").
    mutating func add(_ text: String) {
        hash = Self.fold(text, into: hash, ascii: &isASCII)
    }

    mutating func add(_ text: String?) {
        if let text { add(text) } else { mark(-1) }
    }

    mutating func add(_ list: [String]?) {
        mark(list?.count ?? -1)
        for text in list ?? [] { add(text) }
    }

    /// A dictionary: each entry hashed alone, the entry hashes summed (order-free).
    mutating func add(_ map: [String: String]?) {
        guard let map else { mark(-1); return }
        var sum: UInt64 = 0
        for (key, value) in map {
            var entry: UInt64 = 0xcbf2_9ce4_8422_2325
            entry = Self.fold(key, into: entry, ascii: &isASCII)
            entry = Self.fold(value, into: entry, ascii: &isASCII)
            sum &+= entry
        }
        mark(map.count)
        mix(sum)
    }

    /// A number or shape marker (a count, nil, a flag).
    mutating func mark(_ value: Int) { mix(UInt64(bitPattern: Int64(value))) }

    mutating func add(_ meta: ObjectMeta) {
        add(meta.name); add(meta.namespace); add(meta.labels); add(meta.annotations)
        add(meta.uid); add(meta.resourceVersion); add(meta.creationTimestamp); add(meta.deletionTimestamp)
    }

    mutating func add(_ container: Container) {
        add(container.name); add(container.image)
        mark(container.ports?.count ?? -1)
        for port in container.ports ?? [] {
            add(port.name); add(port.protocol); mark(port.containerPort); mark(port.hostPort ?? -1)
        }
    }

    mutating func add(_ selector: LabelSelector?) {
        guard let selector else { mark(-3); return }
        add(selector.matchLabels)
        mark(selector.matchExpressions?.count ?? -1)
        for requirement in selector.matchExpressions ?? [] {
            add(requirement.key); add(requirement.operator); add(requirement.values)
        }
    }

    mutating func add(_ peers: [NetworkPolicyPeer]?) {
        mark(peers?.count ?? -1)
        for peer in peers ?? [] {
            add(peer.podSelector); add(peer.namespaceSelector)
            if let block = peer.ipBlock { add(block.cidr); add(block.except) } else { mark(-4) }
        }
    }

    mutating func add(_ ports: [NetworkPolicyPort]?) {
        mark(ports?.count ?? -1)
        for port in ports ?? [] {
            add(port.protocol)
            switch port.port {
            case .int(let number)?: mark(number)
            case .string(let name)?: add(name)
            case nil: mark(-5)
            }
            mark(port.endPort ?? -1)
        }
    }

    private mutating func mix(_ value: UInt64) {
        var h = hash
        var v = value
        for _ in 0..<8 {
            h = (h ^ (v & 0xFF)) &* Self.prime
            v >>= 8
        }
        hash = h
    }

    private static func fold(_ text: String, into start: UInt64, ascii: inout Bool) -> UInt64 {
        var h = start
        var high: UInt8 = 0
        var copy = text
        copy.withUTF8 { bytes in
            for byte in bytes {
                high |= byte
                h = (h ^ UInt64(byte)) &* prime
            }
        }
        if high >= 0x80 { ascii = false }
        return (h ^ 0xFF) &* prime
    }
}
