// Which of a pod's addresses Calico uses, and in what form.
// Takes: a Pod. Gives: its networks (masked), or a failure when any listed address does not
// parse (then Calico makes no endpoint at all). Cost: O(number of addresses).
// Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/conversion.go (`getPodIPs`),
// .../updateprocessors/workloadendpointprocessor.go (masking with `ipn.Network()`).

/// The annotation names Calico reads for pod addresses.
/// Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/constants.go
public enum PodAnnotations {
    public static let podIP = "cni.projectcalico.org/podIP"
    public static let podIPs = "cni.projectcalico.org/podIPs"
    public static let awsPodIPs = "vpc.amazonaws.com/pod-ips"
    public static let floatingIPs = "cni.projectcalico.org/floatingIPs"
    public static let allowedSourcePrefixes = "cni.projectcalico.org/allowedSourcePrefixes"
    public static let networkStatus = "k8s.v1.cni.cncf.io/network-status"
}

enum PodIPs {
    /// The pod's address strings from the first non-empty source, in Calico's order:
    /// `status.podIPs`, `status.podIP`, the Calico plural annotation, the Calico singular
    /// annotation, the AWS annotation. Comma lists are split with no trimming and no
    /// dropping of empty items (spec §0 B3), so `"a, b"` or `"a,"` will not parse.
    static func sourceStrings(of pod: Pod) -> [String] {
        let annotations = pod.metadata.annotations ?? [:]
        if let ips = pod.status?.podIPs, !ips.isEmpty { return ips.map(\.ip) }
        if let ip = pod.status?.podIP, !ip.isEmpty { return [ip] }
        if let ips = annotations[PodAnnotations.podIPs], !ips.isEmpty { return splitAll(ips) }
        if let ip = annotations[PodAnnotations.podIP], !ip.isEmpty { return [ip] }
        if let ips = annotations[PodAnnotations.awsPodIPs], !ips.isEmpty { return splitAll(ips) }
        return []
    }

    /// Go `strings.Split(s, ",")`: every piece, empty ones included.
    private static func splitAll(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// The parsed, masked networks; nil when any address fails to parse.
    static func networks(of pod: Pod) -> [IPNetwork]? {
        var result: [IPNetwork] = []
        for text in sourceStrings(of: pod) {
            guard let network = IPNetwork(cidrOrIP: text) else { return nil }
            result.append(network.masked)
        }
        return result
    }
}
