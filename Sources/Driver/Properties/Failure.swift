import Calico

// What a failed check reports. The signature (property + kind of difference + aspect) is a
// failure's identity: a campaign keeps one reproducer per signature, and the shrinker keeps a
// smaller sequence only if it fails with the same one, so a shrink never slips from one bug to
// another. The aspect (`FailureAspect.swift`) names what the kind leaves open, such as the
// role of the IP set that lost a member and the message that last touched it; failures saved
// before aspects existed have none, and `FailureSignature.admits` lets them match any.

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

/// The part of a failure that stays the same while the sequence shrinks: its identity.
public struct FailureSignature: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var property: PropertyName
    /// The kind of difference or violation, e.g. `ipset-member-missing`, `endpoint-tiers`.
    public var kind: String
    /// What differs beyond the kind, named by role and message kind (never by a generated
    /// name), e.g. `src-selector@IPSetDeltaUpdate`, `order`, `policy-keeps`; nil when the kind
    /// says it all, and in files written before aspects existed.
    public var aspect: String?

    public init(property: PropertyName, kind: String, aspect: String? = nil) {
        self.property = property
        self.kind = kind
        self.aspect = aspect
    }

    public static func < (a: FailureSignature, b: FailureSignature) -> Bool {
        (a.property, a.kind, a.aspect ?? "") < (b.property, b.kind, b.aspect ?? "")
    }

    /// `property/kind`, then `/aspect` when there is one.
    public var description: String {
        "\(property.rawValue)/\(kind)" + (aspect.map { "/\($0)" } ?? "")
    }

    /// True when a failure with signature `found` is the failure this signature records. A
    /// signature without an aspect (from a file written before aspects existed) admits any
    /// aspect of the same property and kind.
    public func admits(_ found: FailureSignature) -> Bool {
        guard aspect != nil else { return property == found.property && kind == found.kind }
        return self == found
    }
}

/// One failed property, with where it failed and the smallest useful difference.
public struct Failure: Codable, Hashable, Sendable, CustomStringConvertible {
    public var property: PropertyName
    public var kind: String
    /// What differs beyond the kind (see `FailureSignature.aspect`); absent from the JSON when nil.
    public var aspect: String?
    /// The step after which the check failed: nil for the initial sync, `steps.count`
    /// for the final teardown (delete everything).
    public var stepIndex: Int?
    /// The failing step's kind, when there is one.
    public var stepKind: String?
    /// Human-readable detail: expected versus observed.
    public var details: [String]

    public init(
        property: PropertyName, kind: String, aspect: String? = nil, stepIndex: Int?, stepKind: String?, details: [String]
    ) {
        self.property = property
        self.kind = kind
        self.aspect = aspect
        self.stepIndex = stepIndex
        self.stepKind = stepKind
        self.details = details
    }

    public var signature: FailureSignature { FailureSignature(property: property, kind: kind, aspect: aspect) }

    /// Where it failed, in words.
    public var location: String {
        guard let stepIndex else { return "after the initial sync" }
        if let stepKind { return "after step \(stepIndex) (\(stepKind))" }
        return "after the final teardown (every object deleted)"
    }

    public var description: String {
        let shown = details.prefix(12)
        var lines = ["property \(property.rawValue) failed (\(kind)\(aspect.map { ", \($0)" } ?? "")) \(location):"]
        lines += shown.map { "  " + $0 }
        if details.count > shown.count { lines.append("  … and \(details.count - shown.count) more") }
        return lines.joined(separator: "\n")
    }
}
