// Marks what one k8sfv run creates, so nothing else is ever modified or deleted by it.
// Takes: a run ID. Gives: the label stamp for new objects and the check that an existing object
// carries it. Label key: `k8sfv.projectcalico.org/run` — a prefix under a domain the Calico
// project owns, so it cannot collide with labels a user or Calico itself sets, and "run"
// because the value is the run ID. Note for the Driver: pods carry this label, so a generated
// selector that mentions this key would see it; generators should avoid the key.
// Cost: O(1).

public struct Ownership: Sendable, Hashable {
    public static let labelKey = "k8sfv.projectcalico.org/run"

    public let runID: String

    /// The run ID must be a valid label value (≤ 63 of [A-Za-z0-9_.-], alphanumeric ends).
    public init(runID: String) throws {
        let bytes = Array(runID.utf8)
        func alnum(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
        guard !bytes.isEmpty, bytes.count <= 63, alnum(bytes[0]), alnum(bytes[bytes.count - 1]),
              bytes.allSatisfy({ alnum($0) || $0 == 45 || $0 == 46 || $0 == 95 }) else {
            throw KubeClientError.configuration("run ID \"\(runID)\" is not a valid label value (1–63 characters of A-Z a-z 0-9 - _ ., starting and ending alphanumeric)")
        }
        self.runID = runID
    }

    /// `k8sfv.projectcalico.org/run=<id>`, for listing what this run owns.
    public var labelSelector: String { "\(Self.labelKey)=\(runID)" }

    /// The object with this run's label added.
    public func stamp(_ object: JSONValue) -> JSONValue { object.settingLabel(Self.labelKey, to: runID) }

    public func owns(_ object: JSONValue) -> Bool { object.labels[Self.labelKey] == runID }

    /// Throws `.notOwned` unless the object carries this run's label.
    public func requireOwned(_ object: JSONValue, resource: KubeResource) throws {
        guard owns(object) else {
            throw KubeClientError.notOwned(resource: resource.description, namespace: object.metadataNamespace,
                                           name: object.metadataName ?? "?")
        }
    }
}
