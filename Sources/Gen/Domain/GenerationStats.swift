import Calico
import Foundation

// GenerationStats: how often each feature appeared in generated scenarios, so a run can show (and
// a test can assert) that every step kind, selector operator, peer kind and port form is really
// produced. Takes scenarios; gives counts per category and name, a sorted text table and sorted
// JSON. Policies are counted wherever written: the starting cluster and every put in a step.
// Cost: O(size of the policies written) per scenario.

/// Feature counts over a set of scenarios.
public struct GenerationStats: Codable, Hashable, Sendable {
    /// category → name → count. Categories: step, operator, peer, port, protocol, policyTypes,
    /// pod (pod writes with an empty label value, with a deletionTimestamp).
    public private(set) var counts: [String: [String: Int]] = [:]
    public private(set) var scenarios = 0

    public init() {}

    /// Every category with every name it should eventually show, in display order.
    public static let expected: [(category: String, names: [String])] = [
        ("step", StepKind.allCases.map(\.rawValue)),
        ("operator", ["matchLabels", "In", "NotIn", "Exists", "DoesNotExist", "empty"]),
        ("peer", ["podSelector", "namespaceSelector", "both", "ipBlock", "ipBlock+except", "none"]),
        ("port", ["none", "empty entry", "number", "range", "named"]),
        ("protocol", ["TCP", "UDP", "SCTP", "unset"]),
        ("policyTypes", ["absent", "Ingress", "Egress", "Ingress+Egress"]),
        ("pod", ["empty label value", "terminating"]),
    ]

    public func count(_ category: String, _ name: String) -> Int { counts[category]?[name] ?? 0 }

    /// "category/name" for each expected name never seen, in display order.
    public var missing: [String] {
        GenerationStats.expected.flatMap { category, names in
            names.filter { count(category, $0) == 0 }.map { "\(category)/\($0)" }
        }
    }

    public mutating func add(_ scenario: Scenario) {
        scenarios += 1
        for object in scenario.initial { addObject(object) }
        for step in scenario.steps {
            bump("step", step.kind.rawValue)
            for case .put(let object) in step.writes { addObject(object) }
        }
    }

    public mutating func merge(_ other: GenerationStats) {
        scenarios += other.scenarios
        for (category, names) in other.counts {
            for (name, n) in names { bump(category, name, by: n) }
        }
    }

    private mutating func bump(_ category: String, _ name: String, by n: Int = 1) {
        counts[category, default: [:]][name, default: 0] += n
    }

    private mutating func addObject(_ object: KubeObject) {
        if case .pod(let pod) = object {
            if pod.labels.values.contains("") { bump("pod", "empty label value") }
            if pod.metadata.deletionTimestamp != nil { bump("pod", "terminating") }
        }
        guard case .networkPolicy(let policy) = object else { return }
        let types = policy.spec.policyTypes
        bump("policyTypes", types.map { $0.isEmpty ? "absent" : $0.joined(separator: "+") } ?? "absent")
        addSelector(policy.spec.podSelector)
        for rule in policy.spec.ingress ?? [] { addRule(ports: rule.ports, peers: rule.from) }
        for rule in policy.spec.egress ?? [] { addRule(ports: rule.ports, peers: rule.to) }
    }

    private mutating func addRule(ports: [NetworkPolicyPort]?, peers: [NetworkPolicyPeer]?) {
        let ports = ports ?? []
        if ports.isEmpty { bump("port", "none") }
        for port in ports {
            bump("protocol", port.protocol ?? "unset")
            switch port.port {
            case nil: bump("port", "empty entry")
            case .string?: bump("port", "named")
            case .int?: bump("port", port.endPort == nil ? "number" : "range")
            }
        }
        let peers = peers ?? []
        if peers.isEmpty { bump("peer", "none") }
        for peer in peers {
            if let block = peer.ipBlock {
                bump("peer", (block.except ?? []).isEmpty ? "ipBlock" : "ipBlock+except")
            } else if let pods = peer.podSelector, let namespaces = peer.namespaceSelector {
                bump("peer", "both")
                addSelector(pods)
                addSelector(namespaces)
            } else if let pods = peer.podSelector {
                bump("peer", "podSelector")
                addSelector(pods)
            } else if let namespaces = peer.namespaceSelector {
                bump("peer", "namespaceSelector")
                addSelector(namespaces)
            }
        }
    }

    /// Counts `empty` once for a selector with no terms; otherwise one per matchLabels entry and
    /// one per expression, by operator.
    private mutating func addSelector(_ selector: LabelSelector) {
        if selector.isEmpty { bump("operator", "empty") }
        for _ in selector.matchLabels ?? [:] { bump("operator", "matchLabels") }
        for requirement in selector.matchExpressions ?? [] { bump("operator", requirement.operator) }
    }

    /// Rows of (category, name, count), categories in display order, names sorted, including
    /// expected names with a zero count and any unexpected names seen.
    public var rows: [(category: String, name: String, count: Int)] {
        var rows: [(String, String, Int)] = []
        var categories = GenerationStats.expected.map(\.category)
        categories += counts.keys.filter { !categories.contains($0) }.sorted()
        for category in categories {
            let expected = GenerationStats.expected.first { $0.category == category }?.names ?? []
            let names = Set(expected).union(counts[category]?.keys.map { $0 } ?? [])
            for name in names.sorted() { rows.append((category, name, count(category, name))) }
        }
        return rows
    }

    /// A fixed-width table: category, name, count, and the share of its category.
    public func table() -> String {
        var lines = ["scenarios: \(scenarios)", pad("category", 12) + pad("name", 22) + pad("count", 10) + "share"]
        let totals = counts.mapValues { $0.values.reduce(0, +) }
        for row in rows {
            let total = totals[row.category] ?? 0
            let share = total == 0 ? 0 : Double(row.count) * 100 / Double(total)
            lines.append(
                pad(row.category, 12) + pad(row.name, 22) + pad(String(row.count), 10)
                    + String(format: "%5.1f%%", share))
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    /// `{"counts":{category:{name:n}},"scenarios":N}`, sorted keys, zero counts included.
    public func jsonString() throws -> String {
        var full: [String: [String: Int]] = [:]
        for row in rows { full[row.category, default: [:]][row.name] = row.count }
        struct Output: Encodable { var counts: [String: [String: Int]]; var scenarios: Int }
        return try KubeJSON.encodeString(Output(counts: full, scenarios: scenarios))
    }
}
