import Calico

// What a failed check reports. The signature (property + kind of difference) is what the
// shrinker preserves: a smaller sequence counts only if it fails the same way, so a shrink
// never slips from one bug to another.

/// The properties k8sfv checks, by their stable names.
public enum PropertyName: String, Codable, CaseIterable, Comparable, Sendable {
    /// After every flush, the state rebuilt from the stream equals the oracle's.
    case convergence
    /// The stream never breaks Felix's guarantees to the dataplane.
    case streamIntegrity = "stream-integrity"
    /// Writing an object again unchanged emits nothing.
    case silence
    /// Deleting everything leaves no emitted state and no internal state.
    case noLeaks = "no-leaks"
    /// A step emits no more than its kind allows.
    case costBounds = "cost-bounds"
    /// A live target reached the expected state before its deadline.
    case convergesWithin = "converges-within"
    /// The target crashed, hung or refused a write.
    case targetError = "target-error"

    public static func < (a: PropertyName, b: PropertyName) -> Bool { a.rawValue < b.rawValue }
}

/// The part of a failure that stays the same while the sequence shrinks.
public struct FailureSignature: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var property: PropertyName
    /// The kind of difference or violation, e.g. `ipset-member-missing`, `endpoint-tiers`.
    public var kind: String

    public init(property: PropertyName, kind: String) {
        self.property = property
        self.kind = kind
    }

    public static func < (a: FailureSignature, b: FailureSignature) -> Bool {
        (a.property, a.kind) < (b.property, b.kind)
    }
    public var description: String { "\(property.rawValue)/\(kind)" }
}

/// One failed property, with where it failed and the smallest useful difference.
public struct Failure: Codable, Hashable, Sendable, CustomStringConvertible {
    public var property: PropertyName
    public var kind: String
    /// The step after which the check failed: nil for the initial sync, `steps.count`
    /// for the final teardown (delete everything).
    public var stepIndex: Int?
    /// The failing step's kind, when there is one.
    public var stepKind: String?
    /// Human-readable detail: expected versus observed.
    public var details: [String]

    public init(property: PropertyName, kind: String, stepIndex: Int?, stepKind: String?, details: [String]) {
        self.property = property
        self.kind = kind
        self.stepIndex = stepIndex
        self.stepKind = stepKind
        self.details = details
    }

    public var signature: FailureSignature { FailureSignature(property: property, kind: kind) }

    /// Where it failed, in words.
    public var location: String {
        guard let stepIndex else { return "after the initial sync" }
        if let stepKind { return "after step \(stepIndex) (\(stepKind))" }
        return "after the final teardown (every object deleted)"
    }

    public var description: String {
        let shown = details.prefix(12)
        var lines = ["property \(property.rawValue) failed (\(kind)) \(location):"]
        lines += shown.map { "  " + $0 }
        if details.count > shown.count { lines.append("  … and \(details.count - shown.count) more") }
        return lines.joined(separator: "\n")
    }
}
