// Pod-specific API rules: which spec fields an update may change, and when a delete is
// graceful (only marks the pod) or immediate.
// Takes: the old and new pod, or the pod and the delete's grace period. Gives: the 422 cause or
// the deletion mode. Cost: linear in the pod spec.
// Sources: felix-live.md §5.6, §5.7; kubernetes/kubernetes:pkg/registry/core/pod/strategy.go
// (CheckGracefulDelete); transcripts 32, 33, 43.

enum PodRules {
    /// Spec fields a pod update may change; everything else must stay as it was.
    static func specChangeError(old: JSON, new: JSON) -> StatusCause? {
        func normalised(_ spec: JSON?) -> JSON {
            var spec = spec ?? .object([:])
            for field in ["activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds"] { spec[field] = nil }
            for list in ["containers", "initContainers"] {
                if let items = spec[list]?.arrayValue {
                    spec[list] = .array(items.map { var c = $0; c["image"] = nil; return c })
                }
            }
            return spec
        }
        if normalised(old["spec"]) == normalised(new["spec"]) { return nil }
        return StatusCause(reason: "FieldValueForbidden",
                           message: "Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
                           field: "spec")
    }

    /// The grace period a delete really gets: nil means "delete now".
    /// A pod bound to a node and not finished waits for a kubelet that never comes.
    static func gracePeriod(pod: JSON, requested: Int64?) -> Int64? {
        let bound = !(pod["spec"]?["nodeName"]?.stringValue ?? "").isEmpty
        let phase = pod["status"]?["phase"]?.stringValue ?? ""
        if !bound || phase == "Succeeded" || phase == "Failed" { return nil }
        let grace = requested ?? pod["spec"]?["terminationGracePeriodSeconds"]?.intValue ?? 30
        return grace > 0 ? grace : nil
    }
}
