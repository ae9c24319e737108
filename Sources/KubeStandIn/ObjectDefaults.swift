// The fields the API server fills in on create, per kind (the part that affects what a
// reader sees; the real server also adds managedFields, volumes and more that k8sfv ignores).
// Takes: a new object. Gives: the object as stored. Cost: linear in the object.
// Sources: kubernetes/kubernetes:pkg/registry/core/pod/strategy.go (PrepareForCreate resets
// status), pkg/apis/core/v1/defaults.go, pkg/apis/networking/v1/defaults.go; transcripts 04, 09, 23.

enum ObjectDefaults {
    static func applyOnCreate(_ r: ResourceInfo, _ object: inout JSON) {
        if r == .pods {
            var spec = object["spec"] ?? .object([:])
            let sa = spec["serviceAccountName"]?.stringValue ?? spec["serviceAccount"]?.stringValue ?? "default"
            spec["serviceAccountName"] = .string(sa)
            spec["serviceAccount"] = .string(sa)
            if spec["restartPolicy"] == nil { spec["restartPolicy"] = "Always" }
            if spec["terminationGracePeriodSeconds"] == nil { spec["terminationGracePeriodSeconds"] = 30 }
            if spec["dnsPolicy"] == nil { spec["dnsPolicy"] = "ClusterFirst" }
            if spec["schedulerName"] == nil { spec["schedulerName"] = "default-scheduler" }
            if spec["enableServiceLinks"] == nil { spec["enableServiceLinks"] = true }
            if spec["priority"] == nil { spec["priority"] = 0 }
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

    /// policyTypes defaults to Ingress, plus Egress when egress rules exist; a port's protocol
    /// defaults to TCP.
    static func defaultedPolicySpec(_ spec: JSON) -> JSON {
        var spec = spec
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
