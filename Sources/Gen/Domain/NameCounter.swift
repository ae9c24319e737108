// Fresh names and IPs for generated objects, from counters in the generation state rather than
// from random draws, so two creates can never collide whatever the choices say.
// Cost: O(1) per name.

/// Counters behind `pod-N`, `ns-N`, `<prefix>-N` policies and fresh pod IPs.
struct NameCounter {
    var nextPod = 0
    var nextNamespace = 0
    var nextPolicy = 0
    var nextIP = 0

    mutating func podName() -> String {
        defer { nextPod += 1 }
        return "pod-\(nextPod)"
    }

    mutating func namespaceName() -> String {
        defer { nextNamespace += 1 }
        return "ns-\(nextNamespace)"
    }

    /// `<prefix>-N`: the number keeps names unique whatever the prefix.
    mutating func policyName(prefix: String = "policy") -> String {
        defer { nextPolicy += 1 }
        return "\(prefix)-\(nextPolicy)"
    }

    /// A fresh address pair: IPv4 from 10.128.0.0/9 (never a seed address), IPv6 from fd00:10::/64.
    mutating func addresses() -> (ipv4: String, ipv6: String) {
        defer { nextIP += 1 }
        return (PodAddressing.freshIPv4(nextIP), PodAddressing.freshIPv6(nextIP))
    }

    /// Makes sure later names do not collide with ones already in use.
    mutating func reserve(podName: String? = nil, namespaceName: String? = nil, policyName: String? = nil) {
        if let n = podName.flatMap({ NameCounter.number(in: $0, prefix: "pod-") }) { nextPod = max(nextPod, n + 1) }
        if let n = namespaceName.flatMap({ NameCounter.number(in: $0, prefix: "ns-") }) {
            nextNamespace = max(nextNamespace, n + 1)
        }
        if let n = policyName.flatMap({ NameCounter.number(in: $0, prefix: NameCounter.prefix(of: $0)) }) {
            nextPolicy = max(nextPolicy, n + 1)
        }
    }

    /// Makes sure later fresh addresses differ from `ip` when it is one of the fresh range.
    mutating func reserve(ip: String) {
        let parts = ip.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4, parts[0] == 10, parts[1] >= 128, parts[3] >= 1 else { return }
        nextIP = max(nextIP, (parts[1] - 128) * 62_500 + parts[2] * 250 + parts[3] - 1 + 1)
    }

    /// Everything up to and including the last "-".
    private static func prefix(of name: String) -> String {
        guard let dash = name.lastIndex(of: "-") else { return name }
        return String(name[...dash])
    }

    private static func number(in name: String, prefix: String) -> Int? {
        guard name.hasPrefix(prefix) else { return nil }
        return Int(name.dropFirst(prefix.count))
    }
}

/// Pod address plans. Seed pods get 10.<ns+1>.0.<pod+1> (unique, stable, readable); fresh
/// addresses for pods made by steps come from 10.128.0.0/9 so they never clash with seed ones.
public enum PodAddressing {
    /// The seed cluster's address for pod `pod` of namespace `namespace` (both 0-based, < 250).
    public static func seedIPv4(namespace: Int, pod: Int) -> String { "10.\(namespace + 1).0.\(pod + 1)" }

    public static func freshIPv4(_ index: Int) -> String {
        let n = index % 8_000_000  // keeps the second octet ≤ 255
        return "10.\(128 + n / 62_500).\(n / 250 % 250).\(n % 250 + 1)"
    }

    public static func freshIPv6(_ index: Int) -> String {
        "fd00:10::" + String(index % 0xFFFF + 1, radix: 16)
    }
}
