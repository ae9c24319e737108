import Foundation
import JSONCore

// Pod → the workload endpoint Felix's calculation graph receives, or nothing.
// Takes: one Pod. Gives: `EndpointData`, or nil when Felix sees no endpoint for the pod.
// Cost: O(labels + ports + addresses) and one SHA-1 of "<ns>.<pod>".
// Sources (projectcalico/calico): libcalico-go/lib/backend/k8s/conversion/conversion.go
// (`IsValidCalicoWorkloadEndpoint`, `IsFinished`, `getPodIPs`),
// .../conversion/workload_endpoint_default.go (`podToDefaultWorkloadEndpoint`),
// libcalico-go/lib/backend/syncersv1/updateprocessors/workloadendpointprocessor.go,
// felix/calc/validation_filter.go.

/// Pod → endpoint conversion (spec §1.1 with §0 B3).
public enum PodConversion {
    /// The label keys Calico adds to every endpoint.
    public static let namespaceLabel = "projectcalico.org/namespace"
    public static let orchestratorLabel = "projectcalico.org/orchestrator"
    public static let serviceAccountLabel = "projectcalico.org/serviceaccount"

    /// The endpoint Felix sees for the pod; nil when it sees none. A function of the pod alone,
    /// so each distinct (all-ASCII) pod value is converted once per process (see `Memo`,
    /// `ObjectFingerprint`).
    public static func endpoint(for pod: Pod) -> EndpointData? {
        let key = ObjectFingerprint(pod)
        guard key.isASCII else { return convert(pod) }
        return converted.value(for: key) { convert(pod) }
    }

    private static func convert(_ pod: Pod) -> EndpointData? {
        guard skipReason(for: pod) == nil else { return nil }
        guard let networks = PodIPs.networks(of: pod) else { return nil }
        let namespace = pod.namespace
        return EndpointData(
            hostname: pod.spec.nodeName ?? "",
            id: WorkloadEndpointID(orchestratorID: "k8s", workloadID: "\(namespace)/\(pod.name)", endpointID: "eth0"),
            labels: labels(of: pod),
            profileIDs: profileIDs(of: pod),
            ipv4Nets: networks.filter(\.isIPv4).map(\.description),
            ipv6Nets: networks.filter { !$0.isIPv4 }.map(\.description),
            namedPorts: namedPorts(of: pod),
            interfaceName: interfaceName(namespace: namespace, pod: pod.name),
            annotations: (pod.metadata.annotations ?? [:]).filter { $0.key == PodAnnotations.networkStatus })
    }

    private static let converted = Memo<ObjectFingerprint<Pod>, EndpointData?>(capacity: 8_192)

    /// Why Felix sees no endpoint for this pod, or nil if it sees one. A short stable phrase,
    /// for logs and tests.
    public static func skipReason(for pod: Pod) -> String? {
        if pod.spec.hostNetwork == true { return "host-networked" }
        if (pod.spec.nodeName ?? "").isEmpty { return "not scheduled" }
        // A finished pod's addresses are cleared by the converter; with no addresses the
        // update processor filters the endpoint out.
        if isFinished(pod) { return "finished" }
        guard let networks = PodIPs.networks(of: pod) else { return "unparseable pod IP" }
        if networks.isEmpty { return "no IP" }
        let annotations = pod.metadata.annotations ?? [:]
        if let floating = annotations[PodAnnotations.floatingIPs] {
            // The NAT mappings themselves are not modelled; only their failure modes are.
            // Every pod IP must be a single address once the annotation is present, even when it
            // lists no floating IP (the converter checks the pod IPs before reading the list).
            guard jsonStringList(floating) != nil else { return "bad floatingIPs annotation" }
            if networks.contains(where: { $0.prefixLength != $0.bitCount }) {
                return "floating IPs need single-address pod IPs"
            }
        }
        // Read only when non-empty (`HandleSourceIPSpoofingAnnotation`), and each entry must be
        // a CIDR: `cnet.ParseCIDR` refuses a bare address.
        if let prefixes = annotations[PodAnnotations.allowedSourcePrefixes], !prefixes.isEmpty {
            guard let list = jsonStringList(prefixes),
                  list.allSatisfy({ IPNetwork(cidr: $0) != nil })
            else { return "bad allowedSourcePrefixes annotation" }
            // Felix's validation filter drops an endpoint with spoofing prefixes unless its
            // WorkloadSourceSpoofing config is "Any"; the default is "Disabled".
            if !list.isEmpty { return "source spoofing not allowed by Felix config" }
        }
        return nil
    }

    /// Calico's `IsFinished`: phase Failed/Succeeded/Completed, or being deleted after the
    /// CNI plugin emptied its podIP annotation (Calico's, or AWS's).
    public static func isFinished(_ pod: Pod) -> Bool {
        if pod.metadata.deletionTimestamp != nil {
            let annotations = pod.metadata.annotations ?? [:]
            if annotations[PodAnnotations.podIP] == "" { return true }
            if annotations[PodAnnotations.awsPodIPs] == "" { return true }
        }
        switch pod.status?.phase {
        case "Failed", "Succeeded", "Completed": return true
        default: return false
        }
    }

    /// Labels as Felix sees them. The namespace and orchestrator labels overwrite pod labels of
    /// the same key; the service-account label is set whenever the pod names a service account
    /// (the update processor re-adds it even past the converter's 63-character limit,
    /// projectcalico/calico#4529); `pcns.`/`pcsa.` keys are dropped so a pod cannot pose as
    /// its namespace or service account.
    public static func labels(of pod: Pod) -> [String: String] {
        var labels = pod.labels
        labels[namespaceLabel] = pod.namespace
        labels[orchestratorLabel] = "k8s"
        if let account = pod.spec.serviceAccountName, !account.isEmpty {
            labels[serviceAccountLabel] = account
        }
        return labels.filter {
            !$0.key.hasPrefix(ProfileConversion.namespaceLabelPrefix)
                && !$0.key.hasPrefix(ProfileConversion.serviceAccountLabelPrefix)
        }
    }

    /// `["kns.<ns>"]`, then `"ksa.<ns>.<sa>"` when the pod names a service account.
    public static func profileIDs(of pod: Pod) -> [String] {
        var ids = [ProfileConversion.namespaceProfileName(pod.namespace)]
        if let account = pod.spec.serviceAccountName, !account.isEmpty {
            ids.append(ProfileConversion.serviceAccountProfileName(namespace: pod.namespace, name: account))
        }
        return ids
    }

    /// Named ports: containers, then init containers. The converter keeps a port with a
    /// non-zero number and either a host port or a name, and a known protocol; the update
    /// processor then keeps only the named ones.
    public static func namedPorts(of pod: Pod) -> [EndpointNamedPort] {
        let containers = pod.spec.containers + (pod.spec.initContainers ?? [])
        var result: [EndpointNamedPort] = []
        for container in containers {
            for port in container.ports ?? [] {
                guard port.containerPort != 0, let name = port.name, !name.isEmpty else { continue }
                let proto: String
                switch port.protocol ?? "" {
                case "", "TCP": proto = "tcp"
                case "UDP": proto = "udp"
                case "SCTP": proto = "sctp"
                default: continue
                }
                result.append(EndpointNamedPort(name: name, protocol: proto, port: port.containerPort))
            }
        }
        return result
    }

    /// `cali` + the first 11 hex digits of SHA-1(`<ns>.<pod>`) (`VethNameForWorkload`, with
    /// the default `FELIX_INTERFACEPREFIX`).
    /// Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/workload_endpoint_default.go
    public static func interfaceName(namespace: String, pod: String) -> String {
        let digest = SHA1.digest(Array("\(namespace).\(pod)".utf8))
        let hex = digest.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
        return "cali" + hex.prefix(11)
    }

    /// A JSON list of strings (`null` reads as empty), or nil for anything else.
    static func jsonStringList(_ text: String) -> [String]? {
        switch try? JSONParser.parse(text) {
        case .null?: return []
        case .array(let items)?:
            let strings = items.compactMap(\.stringValue)
            return strings.count == items.count ? strings : nil
        default: return nil
        }
    }
}
