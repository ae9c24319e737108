// Pod validation: metadata, containers and their ports, node and service-account names, and
// the status IPs. Takes: a Pod. Gives: field errors. Cost: linear in the pod's size.
// Source: kubernetes/kubernetes pkg/apis/core/validation/validation.go (ValidatePodCreate,
// validateContainers, validateContainerPorts, ValidateNodeName, ValidateServiceAccountName,
// validatePodIPs). Only the fields k8sfv models are checked.

enum PodValidation {
    static let protocols = ["SCTP", "TCP", "UDP"]

    static func validate(_ pod: Pod) -> [FieldError] {
        var errors = MetadataValidation.validate(pod.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        let spec = FieldPath("spec")
        if let node = pod.spec.nodeName, !node.isEmpty {
            errors += NameRules.dns1123Subdomain(node).map { .invalid(spec.child("nodeName"), node, $0) }
        }
        if let account = pod.spec.serviceAccountName, !account.isEmpty {
            errors += NameRules.dns1123Subdomain(account).map { .invalid(spec.child("serviceAccountName"), account, $0) }
        }
        var containerNames: Set<String> = []
        errors += containers(pod.spec.initContainers ?? [], path: spec.child("initContainers"), names: &containerNames)
        if pod.spec.containers.isEmpty {
            errors.append(.required(spec.child("containers")))
        }
        errors += containers(pod.spec.containers, path: spec.child("containers"), names: &containerNames)
        if let status = pod.status { errors += statusIPs(status) }
        return errors
    }

    /// Container names are DNS labels, unique across init and regular containers.
    private static func containers(_ list: [Container], path: FieldPath, names: inout Set<String>) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, container) in list.enumerated() {
            let here = path.index(index)
            if container.name.isEmpty {
                errors.append(.required(here.child("name")))
            } else {
                errors += NameRules.dns1123Label(container.name).map { .invalid(here.child("name"), container.name, $0) }
                if !names.insert(container.name).inserted {
                    errors.append(.duplicate(here.child("name"), container.name))
                }
            }
            if (container.image ?? "").isEmpty {
                errors.append(.required(here.child("image")))
            }
            errors += ports(container.ports ?? [], path: here.child("ports"))
        }
        return errors
    }

    /// Each port: a named port is an IANA_SVC_NAME unique in its container; container port
    /// 1–65535; host port 0 (unset) or 1–65535; protocol TCP, UDP or SCTP (absent = TCP).
    private static func ports(_ list: [ContainerPort], path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        var portNames: Set<String> = []
        for (index, port) in list.enumerated() {
            let here = path.index(index)
            if let name = port.name, !name.isEmpty {
                errors += NameRules.portName(name).map { .invalid(here.child("name"), name, $0) }
                if !portNames.insert(name).inserted {
                    errors.append(.duplicate(here.child("name"), name))
                }
            }
            if port.containerPort == 0 {
                errors.append(.required(here.child("containerPort")))
            } else {
                errors += NameRules.portNumber(port.containerPort).map {
                    .invalid(here.child("containerPort"), number: port.containerPort, $0)
                }
            }
            if let hostPort = port.hostPort, hostPort != 0 {
                errors += NameRules.portNumber(hostPort).map { .invalid(here.child("hostPort"), number: hostPort, $0) }
            }
            if let proto = port.protocol, !protocols.contains(proto) {
                errors.append(.notSupported(here.child("protocol"), proto, supported: protocols))
            }
        }
        return errors
    }

    /// `status.podIP` and `status.podIPs`: valid addresses, at most one per IP family.
    private static func statusIPs(_ status: PodStatus) -> [FieldError] {
        let path = FieldPath("status")
        var errors: [FieldError] = []
        if let ip = status.podIP, !ip.isEmpty, ParsedAddress(ip) == nil {
            errors.append(.invalid(path.child("podIP"), ip, "must be a valid IP address"))
        }
        var families: [Bool] = []
        for (index, entry) in (status.podIPs ?? []).enumerated() {
            guard let address = ParsedAddress(entry.ip) else {
                errors.append(.invalid(path.child("podIPs").index(index).child("ip"), entry.ip, "must be a valid IP address"))
                continue
            }
            families.append(address.isIPv4)
        }
        if families.count > 2 || (families.count == 2 && families[0] == families[1]) {
            errors.append(.invalid(path.child("podIPs"), (status.podIPs ?? []).map(\.ip).joined(separator: ","),
                "may specify no more than one IP for each IP family"))
        }
        return errors
    }
}
