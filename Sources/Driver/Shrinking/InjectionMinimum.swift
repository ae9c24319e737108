import CalcGraph

/// The fewest steps (after the initial cluster) any scenario needs to show each injected bug,
/// worked out by hand from the bug's description and its liveness case
/// (Tests/CalcGraphTests/InjectedBugTests.swift). A run with no steps still has three
/// checkpoints: the flush before in-sync, the in-sync flush (every initial object created in
/// the order the scenario lists them) and the teardown flush (every object deleted at once);
/// so a bug needs a step only when it needs an *update* or a deletion that leaves something
/// else behind, within one flush, after the sync.
///
/// A shrink keeps a failure's identity (`FailureSignature`, aspect included), so it can only
/// reach the bug's minimum when the first failure found already has the identity of the
/// minimal one. Where it does not, `identitySteps` is the fewest steps for the identity the
/// seed-1 survey finds, with the reason, and the shrink is held to that.
public enum InjectionMinimum {
    public struct Entry: Sendable {
        public var steps: Int
        public var why: String
        /// The fewest steps that show the bug with the identity of its first failure at seed 1,
        /// when that needs more than `steps`.
        public var identitySteps: Int?
        public var identityWhy: String?

        public init(steps: Int, why: String, identitySteps: Int? = nil, identityWhy: String? = nil) {
            self.steps = steps
            self.why = why
            self.identitySteps = identitySteps
            self.identityWhy = identityWhy
        }

        /// What a shrink of the seed-1 first failure must reach.
        public var shrinkTarget: Int { identitySteps ?? steps }
    }

    public static let steps: [InjectedBug: Entry] = [
        .endpointsBeforeInSync: Entry(steps: 0, why: "a local pod in the initial cluster: its endpoint goes out in the pre-sync flush"),
        .finishedPodKeepsIP: Entry(steps: 0, why: "an initial pod already Succeeded keeps its endpoint/IP-set member (1 `finishPod` step when the pod must start running)"),
        .flushOrderEndpointsFirst: Entry(steps: 1, why: "a local pod created after the sync: its endpoint goes before the profile it needs; before the sync the profile goes out alone"),
        .flushOrderIPSetRemoveFirst: Entry(steps: 0, why: "teardown of an active policy with a selector IP set removes the set first"),
        .flushOrderRemovesFirst: Entry(steps: 1, why: "a local pod relabelled away from its policy: the policy removal overtakes the endpoint update (teardown has removals only)"),
        .ipSetNotRefCounted: Entry(steps: 1, why: "one of two active policies sharing an IP set must go inactive while the other stays (teardown removes both)"),
        .memberNotRefCounted: Entry(steps: 1, why: "one of two pods with the same IP must go while the other stays (teardown removes both)"),
        .namespaceLabelChangeNotReevaluated: Entry(steps: 1, why: "one `relabelNamespace` step: a namespace label must change"),
        .notEqualFalseOnAbsentLabel: Entry(steps: 0, why: "an initial policy with a `NotIn`/`!=` peer and a pod without that label"),
        .policyOrderNoNameTieBreak: Entry(steps: 0, why: "two equal-order policies on a local pod, the later name first in the initial cluster"),
        .policyTypesIgnored: Entry(steps: 0, why: "an initial ingress-only policy on a local pod is listed for egress too"),
        .profileRefNotReleased: Entry(steps: 0, why: "teardown of a local pod leaves its profiles active (no-leaks)"),
        .remoteEndpointsActivatePolicies: Entry(steps: 0, why: "an initial policy selecting only a remote pod is sent"),
        .ruleChangeNotResent: Entry(steps: 1, why: "one `changePolicyRules` step on an active policy"),
        .labelChangeIgnoresExistence: Entry(
            steps: 1, why: "one relabel step adding (or removing) a label whose value is empty",
            identitySteps: 2,
            identityWhy: "seed 1 first finds it as a member removed by an IPSetDeltaUpdate (pod-selector@IPSetDeltaUpdate-removed): an ignored relabel sends nothing, so a second step must make the model remove the address it wrongly thinks unused"),
        .terminatingPodTreatedAsFinished: Entry(steps: 0, why: "an initial pod with a deletionTimestamp loses its endpoint"),
        .reAddedIPSetSentAsDelta: Entry(steps: 1, why: "an IP set removed and re-added within one flush needs a step that deletes and re-creates its only user"),
        // Bugs that need Calico resources (`InjectedBug.needsCalicoResources`): worked out for the
        // hand-written sequences of Tests/CalcGraphTests/CalicoInjectedBugTests.swift, where the
        // initial state holds Calico resources too; scenarios cannot write them yet (issue 16).
        .globalNamespaceSelectorNotRewritten: Entry(steps: 0, why: "an initial Calico policy with a `global()` namespaceSelector in a rule: the unrewritten selector is another IP set"),
        .networkSetRelabelKeepsMembers: Entry(steps: 1, why: "one network-set put that relabels an initial set out of an active rule selector (teardown removes the whole IP set)"),
        .notSelectorSetUnreferenced: Entry(steps: 0, why: "an initial GlobalNetworkPolicy on a local pod with a rule side that has a notSelector and no selector"),
        .hasScanMissesInheritedLabels: Entry(steps: 0, why: "an initial Calico rule whose selector is exactly has(pcns.k), written after a pod whose namespace has k"),
        .policyOrderComparedAsInteger: Entry(steps: 0, why: "two initial Calico policies on a local pod whose orders differ only in the fraction, the later name first"),
        .tierOrderChangeNotResorted: Entry(steps: 1, why: "one Tier put that moves a tier past another on the same endpoint (the in-sync flush sorts correctly; teardown only removes)"),
    ]
}
