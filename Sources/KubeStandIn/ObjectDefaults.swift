// The fields the API server fills in on create, per kind, and how it normalises what it
// stores: a pod gets the defaults and admission additions a real server gives it (the
// service-account token volume and its mounts, default tolerations, container defaults,
// `securityContext: {}`, `preemptionPolicy`, …), so a PUT of the bare pod afterwards is a
// 422 as on a real server; empty lists in a NetworkPolicy are dropped (the server's JSON has
// `omitempty`); a pod status's `podIP` and `podIPs` are filled from each other, with `podIP`
// authoritative for `podIPs[0]` (felix-live.md §8.1).
// Takes: a new object. Gives: the object as stored. Cost: linear in the object.
// Sources: kubernetes/kubernetes:pkg/registry/core/pod/strategy.go (PrepareForCreate resets
// status), pkg/apis/core/v1/defaults.go, pkg/apis/networking/v1/defaults.go; transcripts 04, 09, 23.

enum ObjectDefaults {
    static func applyOnCreate(_ r: ResourceInfo, _ object: inout JSON, serviceAccountAdmission: Bool = false,
                              volumeSuffix: String = "00000") {
        if r == .pods {
            var spec = podSpecDefaults(object["spec"] ?? .object([:]))
            let sa = spec["serviceAccountName"]?.stringValue ?? spec["serviceAccount"]?.stringValue ?? "default"
            spec["serviceAccountName"] = .string(sa)
            spec["serviceAccount"] = .string(sa)
            if spec["priority"] == nil { spec["priority"] = 0 }
            if spec["preemptionPolicy"] == nil { spec["preemptionPolicy"] = "PreemptLowerPriority" }
            // DefaultTolerationSeconds admission.
            var tolerations = spec["tolerations"]?.arrayValue ?? []
            for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]
            where !tolerations.contains(where: { $0["key"]?.stringValue == key }) {
                tolerations.append(["key": .string(key), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300])
            }
            spec["tolerations"] = .array(tolerations)
            // ServiceAccount admission mounts the token.
            let automount = spec["automountServiceAccountToken"] != .bool(false)
            let volumeName = "kube-api-access-" + volumeSuffix
            if serviceAccountAdmission && automount {
                var volumes = spec["volumes"]?.arrayValue ?? []
                volumes.append(["name": .string(volumeName), "projected": [
                    "defaultMode": 420,
                    "sources": [
                        ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
                        ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]]]],
                        ["downwardAPI": ["items": [["path": "namespace", "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"]]]]],
                    ],
                ]])
                spec["volumes"] = .array(volumes)
                for list in ["containers", "initContainers"] {
                    guard let containers = spec[list]?.arrayValue else { continue }
                    spec[list] = .array(containers.map { container in
                        var c = container
                        var mounts = c["volumeMounts"]?.arrayValue ?? []
                        mounts.append(["name": .string(volumeName), "readOnly": true,
                                       "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"])
                        c["volumeMounts"] = .array(mounts)
                        return c
                    })
                }
            }
            object["spec"] = spec
            // Whatever status the client sent is dropped (felix-live.md §5.7).
            object["status"] = ["phase": "Pending", "qosClass": "BestEffort"]
        } else if r == .namespaces {
            let name = object.name ?? ""
            var labels = object["metadata"]?["labels"]?.objectValue ?? [:]
            labels["kubernetes.io/metadata.name"] = .string(name)
            object.setMeta("labels", .object(labels))
            object["spec"] = ["finalizers": ["kubernetes"]]
            object["status"] = ["phase": "Active"]
        } else if r == .networkPolicies {
            object.setMeta("generation", 1)
            object["spec"] = defaultedPolicySpec(object["spec"] ?? .object([:]))
        } else if r == .nodes {
            if object["spec"] == nil { object["spec"] = .object([:]) }
        } else if !r.builtIn {
            object.setMeta("generation", 1)
        }
    }

    /// The defaults the server's decoding applies to every pod spec it receives, on create and
    /// on update alike (pkg/apis/core/v1/defaults.go: SetDefaults_PodSpec, SetDefaults_Container),
    /// so a PUT that leaves them out is no change to them.
    static func podSpecDefaults(_ spec: JSON) -> JSON {
        var spec = spec
        if spec["restartPolicy"] == nil { spec["restartPolicy"] = "Always" }
        if spec["terminationGracePeriodSeconds"] == nil { spec["terminationGracePeriodSeconds"] = 30 }
        if spec["dnsPolicy"] == nil { spec["dnsPolicy"] = "ClusterFirst" }
        if spec["schedulerName"] == nil { spec["schedulerName"] = "default-scheduler" }
        if spec["enableServiceLinks"] == nil { spec["enableServiceLinks"] = true }
        if spec["securityContext"] == nil { spec["securityContext"] = .object([:]) }
        if spec["serviceAccount"] == nil, let sa = spec["serviceAccountName"] { spec["serviceAccount"] = sa }
        for list in ["containers", "initContainers"] {
            guard let containers = spec[list]?.arrayValue else { continue }
            spec[list] = .array(containers.map { container in
                var c = container
                if c["terminationMessagePath"] == nil { c["terminationMessagePath"] = "/dev/termination-log" }
                if c["terminationMessagePolicy"] == nil { c["terminationMessagePolicy"] = "File" }
                if c["resources"] == nil { c["resources"] = .object([:]) }
                if c["imagePullPolicy"] == nil {
                    let image = c["image"]?.stringValue ?? ""
                    let tag = image.split(separator: "/").last.flatMap { $0.split(separator: ":").dropFirst().first }
                    c["imagePullPolicy"] = tag == nil || tag == "latest" ? "Always" : "IfNotPresent"
                }
                if let ports = c["ports"]?.arrayValue {
                    c["ports"] = .array(ports.map { port in
                        var p = port
                        if p["protocol"] == nil { p["protocol"] = "TCP" }
                        return p
                    })
                }
                return c
            })
        }
        return spec
    }

    /// A pod status as the server stores it: `podIPs` from `podIP` when absent, `podIP` from
    /// `podIPs[0]` when absent, and `podIPs[0]` forced to `podIP` when both are set and differ
    /// (kubernetes/kubernetes pkg/apis/core/v1/conversion.go, Convert_v1_PodStatus_To_core_PodStatus).
    static func normalisedPodStatus(_ status: JSON?) -> JSON? {
        guard var status, case .object = status else { return status }
        let podIP = status["podIP"]?.stringValue ?? ""
        var podIPs = status["podIPs"]?.arrayValue ?? []
        if !podIP.isEmpty {
            if podIPs.isEmpty {
                podIPs = [["ip": .string(podIP)]]
            } else if podIPs[0]["ip"]?.stringValue != podIP {
                podIPs[0] = ["ip": .string(podIP)]
            }
        } else if let first = podIPs.first?["ip"]?.stringValue, !first.isEmpty {
            status["podIP"] = .string(first)
        }
        status["podIPs"] = podIPs.isEmpty ? nil : .array(podIPs)
        if status["podIP"]?.stringValue == "" { status["podIP"] = nil }
        return status
    }

    /// Empty lists vanish from a NetworkPolicy spec, at any depth (`egress: []`, `ports: []`,
    /// `values: []`): the server's types marshal them with `omitempty`.
    static func droppingEmptyLists(_ value: JSON) -> JSON {
        switch value {
        case .object(let fields):
            var out: [String: JSON] = [:]
            for (key, field) in fields {
                if case .array(let items) = field, items.isEmpty { continue }
                out[key] = droppingEmptyLists(field)
            }
            return .object(out)
        case .array(let items):
            return .array(items.map(droppingEmptyLists))
        default:
            return value
        }
    }

    /// policyTypes defaults to Ingress, plus Egress when egress rules exist; a port's protocol
    /// defaults to TCP; empty lists are dropped.
    static func defaultedPolicySpec(_ spec: JSON) -> JSON {
        var spec = droppingEmptyLists(spec)
        if (spec["policyTypes"]?.arrayValue ?? []).isEmpty {
            var types: [JSON] = ["Ingress"]
            if !(spec["egress"]?.arrayValue ?? []).isEmpty { types.append("Egress") }
            spec["policyTypes"] = .array(types)
        }
        for direction in ["ingress", "egress"] {
            guard let rules = spec[direction]?.arrayValue else { continue }
            spec[direction] = .array(rules.map { rule in
                guard let ports = rule["ports"]?.arrayValue else { return rule }
                var rule = rule
                rule["ports"] = .array(ports.map { port in
                    var port = port
                    if port["protocol"] == nil { port["protocol"] = "TCP" }
                    return port
                })
                return rule
            })
        }
        return spec
    }
}
