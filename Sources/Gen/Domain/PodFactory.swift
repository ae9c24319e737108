import Calico

// PodFactory: builds and edits Pod objects the way the generators need them. Takes a pod's
// shape (name, labels, host, addresses, ports, flavour); gives a full `v1` Pod that passes API
// validation: one `main` container with an image and the chosen named ports, service account
// `default` (which the API server would fill in anyway), `status` with phase and IPs.
// Cost: O(labels + ports) per pod.

/// What makes one generated pod.
struct PodShape: Hashable, Sendable {
    var name: String
    var namespace: String
    var labels: [String: String]
    /// nil = not scheduled yet (Calico skips it).
    var nodeName: String?
    var ipv4: String?
    /// Set for dual-stack pods.
    var ipv6: String?
    var ports: [ContainerPortSpec]
    var hostNetwork = false
}

enum PodFactory {
    static func pod(_ shape: PodShape) -> Pod {
        let containerPorts = shape.ports.map {
            ContainerPort(name: $0.name, containerPort: $0.port, protocol: $0.protocol)
        }
        let container = Container(
            name: "main", image: Vocabulary.containerImage,
            ports: containerPorts.isEmpty ? nil : containerPorts)
        let spec = PodSpec(
            nodeName: shape.nodeName, serviceAccountName: "default",
            hostNetwork: shape.hostNetwork ? true : nil, containers: [container])
        let metadata = ObjectMeta(
            name: shape.name, namespace: shape.namespace, labels: shape.labels.isEmpty ? nil : shape.labels)
        var pod = Pod(metadata: metadata, spec: spec, status: nil)
        pod = withAddresses(pod, ipv4: shape.ipv4, ipv6: shape.ipv6)
        if shape.nodeName == nil { pod.status = PodStatus(phase: "Pending") }
        return pod
    }

    /// The pod with `status.podIP`/`podIPs` set (phase Running unless it has finished), or
    /// cleared when both are nil (phase kept).
    static func withAddresses(_ pod: Pod, ipv4: String?, ipv6: String?) -> Pod {
        var copy = pod
        let ips = [ipv4, ipv6].compactMap { $0 }
        var status = copy.status ?? PodStatus()
        if ips.isEmpty {
            status.podIP = nil
            status.podIPs = nil
            if status.phase == nil { status.phase = "Pending" }
        } else {
            status.podIP = ips[0]
            status.podIPs = ips.map(PodIP.init)
            if !isFinished(copy) { status.phase = "Running" }
        }
        copy.status = status
        return copy
    }

    /// The pod's addresses (IPv4 first), as generated.
    static func addresses(of pod: Pod) -> (ipv4: String?, ipv6: String?) {
        let ips = pod.status?.podIPs?.map(\.ip) ?? pod.status?.podIP.map { [$0] } ?? []
        // A byte test: `String.contains(String)` goes through Foundation's `range(of:)`, a few
        // thousand instructions, and this runs for every pod whenever a pod is made.
        func isIPv6(_ ip: String) -> Bool { ip.utf8.contains(UInt8(ascii: ":")) }
        return (ips.first { !isIPv6($0) }, ips.first(where: isIPv6))
    }

    static func hasAddress(_ pod: Pod) -> Bool {
        !(pod.status?.podIPs ?? []).isEmpty || pod.status?.podIP != nil
    }

    static func isFinished(_ pod: Pod) -> Bool {
        ["Succeeded", "Failed", "Completed"].contains(pod.status?.phase ?? "")
    }

    /// The pod with phase Succeeded, its IPs left as they were (Calico drops them itself).
    static func finished(_ pod: Pod) -> Pod {
        var copy = pod
        var status = copy.status ?? PodStatus()
        status.phase = "Succeeded"
        copy.status = status
        return copy
    }

    /// The fixed time every generated graceful delete starts at (RFC 3339): any value would do,
    /// since Calico only asks whether one is set; a constant keeps scenarios deterministic.
    static let deletionTimestamp = "2026-01-01T00:00:00Z"

    static func isTerminating(_ pod: Pod) -> Bool { pod.metadata.deletionTimestamp != nil }

    /// The pod as the API server writes it when a graceful delete starts: `deletionTimestamp`
    /// set, everything else (IPs, phase) as it was (`deletionGracePeriodSeconds` is not modelled). Clients
    /// cannot create a pod in this state; only this update of an existing pod produces it.
    /// With `cniReleased`, the Calico CNI plugin has also torn down the network and emptied its
    /// `cni.projectcalico.org/podIP` annotation, which makes Calico treat the pod as finished.
    /// Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/conversion.go (`IsFinished`).
    static func terminating(_ pod: Pod, cniReleased: Bool) -> Pod {
        var copy = pod
        copy.metadata.deletionTimestamp = deletionTimestamp
        if cniReleased {
            var annotations = copy.metadata.annotations ?? [:]
            annotations[PodAnnotations.podIP] = ""
            copy.metadata.annotations = annotations
        }
        return copy
    }

    /// The pod as a client would create it anew under the same name: no deletion state, no
    /// CNI annotation left over from the old incarnation.
    static func recreated(_ pod: Pod) -> Pod {
        var copy = pod
        copy.metadata.deletionTimestamp = nil
        copy.metadata.annotations?[PodAnnotations.podIP] = nil
        if copy.metadata.annotations?.isEmpty == true { copy.metadata.annotations = nil }
        return copy
    }

    static func relabelled(_ pod: Pod, _ labels: [String: String]) -> Pod {
        var copy = pod
        copy.metadata.labels = labels.isEmpty ? nil : labels
        return copy
    }

    static func onNode(_ pod: Pod, _ nodeName: String) -> Pod {
        var copy = pod
        copy.spec.nodeName = nodeName
        if copy.status?.phase == "Pending", hasAddress(copy) { copy.status?.phase = "Running" }
        return copy
    }
}
