// The kinds of mutation a generated step performs. Each is one thing that can change Felix's
// output (see the seed scenario in docs/gen.md): a pod added, deleted, relabelled, moved between
// local and remote, given or stripped of its IP, finished, terminating, restarted; a namespace
// added, deleted or relabelled; a default deny toggled; a policy added, deleted, re-selected,
// re-ruled or replaced; and an object written again unchanged (which must change nothing).

/// One kind of step. Declaration order is "simplest first": the generators map choice 0 to the
/// first case, so shrinking choices towards zero also shrinks steps towards `createPod`.
public enum StepKind: String, Codable, CaseIterable, Comparable, Sendable {
    case createPod
    case deletePod
    case relabelPod
    /// Delete the pod and create it again under the same name on another host (local ↔ remote).
    case movePod
    /// Put the pod with a (new) `status.podIP`/`podIPs`.
    case setPodIP
    /// Put the pod with no `status.podIP`/`podIPs`.
    case clearPodIP
    /// Put the pod with `status.phase: Succeeded` (Calico then treats it as having no IP).
    case finishPod
    /// Put the pod with `metadata.deletionTimestamp` set and its IP kept: the API server's side of
    /// a graceful delete, while the kubelet stops the containers. (A client cannot write this;
    /// the live path leaves the pod as it was, which Felix must not tell apart.)
    case terminatePod
    /// Delete the pod and create it again under the same name on the same host with a fresh IP,
    /// in one step (a StatefulSet pod replaced).
    case restartPod
    case createNamespace
    /// Delete a namespace together with its pods and policies (see `Step` for the order).
    case deleteNamespace
    case relabelNamespace
    /// Move every namespace's `maturity` one place along the ring (production → out-of-service
    /// → experimental → test → staging → production), production first.
    case rotateMaturity
    /// Create the namespace's `default-deny` policy, or delete it when present.
    case toggleDefaultDeny
    case createPolicy
    case deletePolicy
    case changePolicySelector
    case changePolicyRules
    /// Delete a policy and create it again under the same name in one step, selector and types
    /// kept, rules slightly changed (a `kubectl replace --force`, or a GitOps tool re-creating it).
    case replacePolicy
    /// Write an existing object again, byte for byte the same.
    case rewriteUnchanged

    public static func < (a: StepKind, b: StepKind) -> Bool { a.rank < b.rank }

    /// Position in `allCases`.
    public var rank: Int { StepKind.allCases.firstIndex(of: self) ?? 0 }
}
