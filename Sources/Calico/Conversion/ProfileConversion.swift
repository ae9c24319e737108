// Namespace and ServiceAccount → the profiles Felix receives.
// Takes: a Namespace (or a service account's namespace and name). Gives: the profile's ID, the
// labels its endpoints inherit, and its rules as Felix sends them. Cost: O(labels).
// Sources (projectcalico/calico): libcalico-go/lib/backend/k8s/conversion/conversion.go
// (`NamespaceToProfile`, `ServiceAccountToProfile`), felix/calc/active_rules_calculator.go
// (`DummyDropRules`), libcalico-go/lib/validator/v3/validator.go (`validateLabels`, applied to
// `ProfileSpec.LabelsToApply` by Felix's validation filter, felix/calc/validation_filter.go).

/// One profile: its ID, the labels endpoints inherit from it, and its rules.
public struct ProfileData: Hashable, Sendable {
    public var id: ProfileID
    /// `LabelsToApply`, e.g. `pcns.<k>` and `pcns.projectcalico.org/name`.
    public var labels: [String: String]
    /// Rules as Felix sends them in `ActiveProfileUpdate`.
    public var profile: Profile

    public init(id: ProfileID, labels: [String: String], profile: Profile) {
        self.id = id
        self.labels = labels
        self.profile = profile
    }
}

public enum ProfileConversion {
    public static let namespaceProfilePrefix = "kns."
    public static let serviceAccountProfilePrefix = "ksa."
    public static let namespaceLabelPrefix = "pcns."
    public static let serviceAccountLabelPrefix = "pcsa."
    /// The label Calico adds with the namespace's or service account's own name.
    public static let nameLabel = "projectcalico.org/name"

    public static func namespaceProfileName(_ namespace: String) -> String {
        namespaceProfilePrefix + namespace
    }

    /// `ksa.<ns>.<sa>`; an empty namespace reads as `default`.
    public static func serviceAccountProfileName(namespace: String, name: String) -> String {
        serviceAccountProfilePrefix + (namespace.isEmpty ? "default" : namespace) + "." + name
    }

    /// `kns.<ns>`: namespace labels under `pcns.`, plus `pcns.projectcalico.org/name`, and one
    /// allow rule each way.
    /// Remembered per distinct (all-ASCII) namespace value (see `Memo`, `ObjectFingerprint`).
    public static func namespaceProfile(for namespace: Namespace) -> ProfileData {
        let key = ObjectFingerprint(namespace)
        guard key.isASCII else { return convertNamespace(namespace) }
        return namespaces.value(for: key) { convertNamespace(namespace) }
    }

    private static let namespaces = Memo<ObjectFingerprint<Namespace>, ProfileData>(capacity: 8_192)

    private static func convertNamespace(_ namespace: Namespace) -> ProfileData {
        var labels: [String: String] = [:]
        for (key, value) in namespace.labels { labels[namespaceLabelPrefix + key] = value }
        labels[namespaceLabelPrefix + nameLabel] = namespace.name
        return ProfileData(
            id: ProfileID(name: namespaceProfileName(namespace.name)),
            labels: labelsFelixKeeps(labels),
            profile: Profile(inboundRules: [Rule(action: "allow")], outboundRules: [Rule(action: "allow")]))
    }

    /// `ksa.<ns>.<sa>` for a service account assumed to exist with no labels of its own (a
    /// cluster that has never listed its ServiceAccounts; spec §0 A3): only
    /// `pcsa.projectcalico.org/name`, and no rules.
    /// Remembered per distinct (namespace, name) (see `Memo`).
    public static func serviceAccountProfile(namespace: String, name: String) -> ProfileData {
        serviceAccounts.value(for: AccountKey(namespace: ExactText(namespace), name: ExactText(name))) {
            serviceAccountProfile(namespace: namespace, name: name, labels: [:])
        }
    }

    private struct AccountKey: Hashable, Sendable {
        var namespace: ExactText
        var name: ExactText
    }

    private static let serviceAccounts = Memo<AccountKey, ProfileData>(capacity: 8_192)

    /// `ksa.<ns>.<sa>` for a ServiceAccount object: its labels under `pcsa.`, plus
    /// `pcsa.projectcalico.org/name`, and no rules.
    public static func serviceAccountProfile(for account: ServiceAccount) -> ProfileData {
        serviceAccountProfile(namespace: account.namespace, name: account.name, labels: account.labels)
    }

    /// `ksa.<ns>.<sa>` for a service account with labels.
    public static func serviceAccountProfile(namespace: String, name: String, labels accountLabels: [String: String]) -> ProfileData {
        var labels: [String: String] = [:]
        for (key, value) in accountLabels { labels[serviceAccountLabelPrefix + key] = value }
        labels[serviceAccountLabelPrefix + nameLabel] = name
        return ProfileData(
            id: ProfileID(name: serviceAccountProfileName(namespace: namespace, name: name)),
            labels: labelsFelixKeeps(labels),
            profile: Profile())
    }

    /// The profile's `LabelsToApply` as Felix's label index receives them. The v3 validator
    /// checks every key as a qualified name and every value as a label value; one failure makes
    /// the whole v3 Profile invalid, and the validation filter passes it on as a deletion, so
    /// endpoints inherit none of its labels (its rules travel separately, as the v1
    /// ProfileRules key, and are unaffected). A valid Kubernetes key can fail once prefixed:
    /// `pcns.` + a 59-character name is 64 characters; so can a service account's name, a
    /// subdomain of up to 253 characters, as the value of `pcsa.projectcalico.org/name`.
    static func labelsFelixKeeps(_ labels: [String: String]) -> [String: String] {
        let valid = labels.allSatisfy { NameRules.labelKey($0.key).isEmpty && NameRules.labelValue($0.value).isEmpty }
        return valid ? labels : [:]
    }

    /// What Felix sends for a profile an endpoint references but the datastore lacks
    /// (`DummyDropRules`): one deny rule each way.
    public static let missingProfile = Profile(inboundRules: [Rule(action: "deny")], outboundRules: [Rule(action: "deny")])
}
