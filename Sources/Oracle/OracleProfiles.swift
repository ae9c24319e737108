import Calico

// The profiles a snapshot implies, and the labels endpoints inherit from them.
// A snapshot that lists ServiceAccounts (`tracksServiceAccounts`) gives each its profile
// `ksa.<ns>.<sa>` with its labels under `pcsa.`; an account a pod names but the list lacks is
// an unknown profile. A snapshot that has never held one assumes every account a pod names
// exists with no labels of its own (spec §0 A3). A namespace missing from the
// snapshot is an unknown profile: it lends no labels, and if a local endpoint names it, Felix
// sends it with deny rules (`DummyDropRules`).
// Takes: the snapshot and its endpoints. Gives: per profile name, labels and rules.
// Cost: O(namespaces + endpoints) to build; O(1) per lookup.

struct OracleProfiles {
    private var known: [String: ProfileData] = [:]

    init(snapshot: ClusterSnapshot, endpoints: [EndpointData]) {
        for namespace in snapshot.sortedNamespaces {
            let profile = ProfileConversion.namespaceProfile(for: namespace)
            known[profile.id.name] = profile
        }
        if snapshot.tracksServiceAccounts {
            for account in snapshot.sortedServiceAccounts {
                let profile = ProfileConversion.serviceAccountProfile(for: account)
                known[profile.id.name] = profile
            }
            return
        }
        for pod in snapshot.sortedPods {
            guard let account = pod.spec.serviceAccountName, !account.isEmpty else { continue }
            let profile = ProfileConversion.serviceAccountProfile(namespace: pod.namespace, name: account)
            known[profile.id.name] = profile
        }
    }

    /// Own labels first, then each named profile's labels in the endpoint's order.
    func labels(of endpoint: EndpointData) -> InheritedLabels {
        InheritedLabels(own: endpoint.labels, parents: endpoint.profileIDs.compactMap { known[$0]?.labels })
    }

    /// A network set's labels: its own, then its parent profiles' (a namespaced set has
    /// `kns.<ns>`).
    func labels(own: [String: String], profileIDs: [String]) -> InheritedLabels {
        InheritedLabels(own: own, parents: profileIDs.compactMap { known[$0]?.labels })
    }

    /// The rules Felix sends for an active profile: its own, or deny-all when it is unknown.
    func rules(ofProfile name: String) -> Profile {
        known[name]?.profile ?? ProfileConversion.missingProfile
    }
}
