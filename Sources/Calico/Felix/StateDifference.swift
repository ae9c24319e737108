// One way an observed dataplane state differs from the expected one, small enough to read in a
// failure report and stable enough (`kind`) to sign a failure with.

/// One difference between two dataplane states.
public struct StateDifference: Hashable, Sendable, CustomStringConvertible {
    /// Stable, for failure signatures, e.g. `ipset-member-missing`, `endpoint-tiers`.
    public var kind: String
    /// Which IP set, policy, profile or endpoint.
    public var subject: String
    /// Expected versus observed: the smallest useful difference.
    public var detail: String

    public init(kind: String, subject: String, detail: String) {
        self.kind = kind
        self.subject = subject
        self.detail = detail
    }

    public var description: String { "\(kind) \(subject): \(detail)" }
}
