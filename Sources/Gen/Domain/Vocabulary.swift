// The scenario's label and port vocabulary, from Felix's original k8sfv design: namespaces carry
// `area=area1..5` and `maturity=production|test|staging|experimental|out-of-service`; pods carry
// `role=role1..5`, `instance=instance1..5`, `ha=active|backup` and (k8sfv's addition) `canary=""`.
// Selectors draw mostly from here, so they often match something; a few values outside it keep "matches nothing" covered.

/// Label keys and values, node and object names, named container ports.
public enum Vocabulary {
    public static let areas = (1...5).map { "area\($0)" }
    /// In rotation order: `rotateMaturity` moves each value to the next one (cyclically).
    public static let maturities = ["production", "out-of-service", "experimental", "test", "staging"]
    public static let roles = (1...5).map { "role\($0)" }
    public static let instances = (1...5).map { "instance\($0)" }
    public static let haValues = ["active", "backup"]

    /// Pod label keys and their values. `canary` only ever has the empty value: a label that is
    /// there or not, as `Exists`/`DoesNotExist`, `In [""]` and `canary: ""` test — and where
    /// an absent key and an empty value must not be confused (spec §5 #1).
    public static let podLabels: [(key: String, values: [String])] = [
        ("role", roles), ("instance", instances), ("ha", haValues), (emptyValuedLabel, [""]),
    ]
    /// The pod label whose only value is `""`.
    public static let emptyValuedLabel = "canary"
    /// Namespace label keys and their values (besides `kubernetes.io/metadata.name`).
    public static let namespaceLabels: [(key: String, values: [String])] = [
        ("area", areas), ("maturity", maturities),
    ]

    /// The label the API server puts on every namespace (value: its name). Generated namespaces
    /// carry it, so model and live targets see the same labels.
    public static let namespaceNameLabel = "kubernetes.io/metadata.name"

    /// Keys and values outside the vocabulary, for selectors that match nothing (or by accident).
    public static let foreignKeys = ["tier", "app.kubernetes.io/name"]
    public static let foreignValues = ["role6", "canary", ""]

    /// The next maturity along the rotation ring; values outside the ring stay as they are.
    public static func nextMaturity(after value: String) -> String {
        guard let index = maturities.firstIndex(of: value) else { return value }
        return maturities[(index + 1) % maturities.count]
    }

    /// Node names: `host-0` is the local host.
    public static func hostName(_ index: Int) -> String { "host-\(index)" }
    public static let localHost = hostName(0)

    /// Generated policies are `<prefix>-N` with one of these prefixes (they sort before, among
    /// and after each other whatever N is).
    public static let policyNamePrefixes = ["policy", "allow", "web"]

    /// The default-deny policy's name in each namespace.
    public static let defaultDenyName = "default-deny"

    public static let containerImage = "registry.k8s.io/pause:3.9"

    /// Named container ports pods may expose, so named-port rules have something to match.
    /// Names are valid IANA service names (≤ 15 characters, lowercase, a letter, no "--").
    public static let namedPorts: [ContainerPortSpec] = [
        ContainerPortSpec(name: "http", port: 80, protocol: "TCP"),
        ContainerPortSpec(name: "dns", port: 53, protocol: "UDP"),
        ContainerPortSpec(name: "dns-tcp", port: 53, protocol: "TCP"),
        ContainerPortSpec(name: "https", port: 443, protocol: "TCP"),
        ContainerPortSpec(name: "metrics", port: 9090, protocol: "TCP"),
        ContainerPortSpec(name: "sig", port: 7777, protocol: "SCTP"),
    ]
    /// A name no pod exposes, for rules whose named port resolves to nothing.
    public static let unusedPortName = "unused-port"
}

/// A named container port in the vocabulary.
public struct ContainerPortSpec: Hashable, Sendable {
    public var name: String
    public var port: Int
    public var `protocol`: String
}
