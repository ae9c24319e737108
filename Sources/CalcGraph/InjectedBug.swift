// Switchable deviations from Felix's behaviour, each a small realistic mistake taken from
// Felix's history (spec §5 of shared/spec/felix-semantics.md) or from the semantics it must
// keep. All are off by default. Each component turns the set it is given into `let` booleans at
// construction, so a bug that is off costs one predictable branch at its decision point.
//
// The first seventeen are reachable through Kubernetes objects (pods, namespaces,
// NetworkPolicies); the summary says what a scenario needs for the bug to show. The rest
// (`needsCalicoResources`) need Calico's own resources (Tiers, Calico and global policies,
// network sets; issue 16), which only the model's `CalicoWrite`s carry so far.

/// One injectable bug in the in-process calculation graph.
public enum InjectedBug: String, CaseIterable, Codable, Hashable, Sendable, Comparable {
    // Source: spec §5 #1; projectcalico/calico PR #5624, commit dd93f66c86
    // (felix/labelindex/named_port_index.go `endpointData.Equals`).
    case labelChangeIgnoresExistence
    // Source: spec §5 #9; commit 44fd32192f (shared registration clobbered), felix/calc/rule_scanner.go.
    case ipSetNotRefCounted
    // Source: spec §3.1 item 6 (members are ref-counted); felix/labelindex/named_port_index.go.
    case memberNotRefCounted
    // Source: spec §5 "swap the EventSequencer flush order"; felix/calc/event_sequencer.go `Flush`.
    case flushOrderEndpointsFirst
    // Source: spec §3.3 (removals come after adds, in reverse dependency order); event_sequencer.go.
    case flushOrderRemovesFirst
    // Source: spec §5 "IPSetRemove before ActivePolicyRemove"; event_sequencer.go `Flush`.
    case flushOrderIPSetRemoveFirst
    // Source: spec §5 "make != or not in false on an absent label";
    // libcalico-go/lib/selector/parser/ast.go (`LabelNeValue`, `LabelNotInSet` evaluate true when absent).
    case notEqualFalseOnAbsentLabel
    // Source: spec §1.2 "a namespace label change … re-evaluates all selectors for all endpoints
    // that have that parent"; felix/labelindex/label_inheritance_index.go `UpdateParentLabels`.
    case namespaceLabelChangeNotReevaluated
    // Source: spec §3.5 (split by ingress/egress type); felix/calc/policy_resolver.go, and
    // `ExtractPolicyMetadata` in felix/calc/policy_sorter.go.
    case policyTypesIgnored
    // Source: spec §5 #5; libcalico-go PR #1040 (fixes felix#1966), conversion.go `IsFinished`.
    case finishedPodKeepsIP
    // Source: spec §5 #13; projectcalico/calico issue #4518, conversion.go `IsFinished`.
    case terminatingPodTreatedAsFinished
    // Source: spec §5 #10; projectcalico/felix PR #2449, felix/calc/active_rules_calculator.go.
    case profileRefNotReleased
    // Source: spec §5 "drop the name tie-break in PolKVLess"; felix/calc/policy_sorter.go `PolKVLess`.
    case policyOrderNoNameTieBreak
    // Source: spec §3.1 item 3 (`endpointHostnameFilter` in felix/calc/calc_graph.go).
    case remoteEndpointsActivatePolicies
    // Source: spec §3.1 item 4 ("a content change to an active policy … is re-sent");
    // felix/calc/active_rules_calculator.go `OnUpdate` for PolicyKey.
    case ruleChangeNotResent
    // Source: spec §3.3 coalescing ("an OnIPSetAdded for a set already sent … is re-sent in full");
    // felix/calc/event_sequencer.go `OnIPSetAdded`.
    case reAddedIPSetSentAsDelta
    // Source: spec §5 "emit endpoints before InSync"; felix/calc/policy_resolver.go `Flush`.
    case endpointsBeforeInSync
    // Source: spec §5 "ignore TierKey updates, which should re-sort all endpoints";
    // felix/calc/policy_resolver.go `OnUpdate` (a TierKey update marks the tier's endpoints dirty),
    // policy_sorter.go `TierLess`.
    case tierOrderChangeNotResorted
    // Source: spec §1.3 and C3 (`global()` in a namespaceSelector is rewritten to
    // `!has(projectcalico.org/namespace)`; unrewritten it is true everywhere, spec §2.3);
    // libcalico-go/lib/backend/syncersv1/updateprocessors/rules.go `getEndpointSelector`.
    case globalNamespaceSelectorNotRewritten
    // Source: spec §3.1 item 6 and §5 #7 (network sets are items of the endpoints' label index,
    // libcalico-go PR #1158); felix/labelindex/named_port_index.go `UpdateEndpointOrSet` (a label
    // change removes the item from the sets it left).
    case networkSetRelabelKeepsMembers
    // Source: felix/calc/rule_convert.go `parsedRuleToProtoRule` (`NotSrcIpSetIds`,
    // `NotDstIpSetIds`) and rule_scanner.go (`extractSelectors`: a notSelector with no positive
    // selector gets its own set).
    case notSelectorSetUnreferenced
    // Source: felix/labelindex/label_inheritance_index.go and labelnamevalueindex (the scan
    // strategy: a `has(k)` selector scans only items with label k, and must also scan the children
    // of parents with k); spec §1.2 (inherited `pcns.`/`pcsa.` labels). A Kubernetes
    // namespaceSelector always carries the orchestrator term, so a bare `has(pcns.k)` needs Calico's.
    case hasScanMissesInheritedLabels
    // Source: spec §3.5 (`PolKVLess`: order ascending, a float); felix/calc/policy_sorter.go
    // `PolKVLess`, api/pkg/apis/projectcalico/v3 `PolicySpec.Order *float64`.
    case policyOrderComparedAsInteger

    /// What the bug does, in one line.
    public var summary: String {
        switch self {
        case .labelChangeIgnoresExistence:
            return "label change check compares map[k] != v without existence, so k=\"\" and an absent k look the same (needs an empty label value)"
        case .ipSetNotRefCounted:
            return "an IP set is removed as soon as any policy referencing it goes inactive, even if another active policy still uses it"
        case .memberNotRefCounted:
            return "removing one of two endpoints with the same address removes the member from the IP set"
        case .flushOrderEndpointsFirst:
            return "flush sends endpoint updates before the IP set, policy and profile updates they depend on"
        case .flushOrderRemovesFirst:
            return "flush sends removals before updates, so a policy or profile can be removed while an endpoint still references it"
        case .flushOrderIPSetRemoveFirst:
            return "flush sends IPSetRemove first, before the policy updates and removals that stop referencing the set"
        case .notEqualFalseOnAbsentLabel:
            return "selectors evaluate != and not in as false when the label is absent"
        case .namespaceLabelChangeNotReevaluated:
            return "a namespace relabel updates the stored profile labels but does not re-evaluate IP set members"
        case .policyTypesIgnored:
            return "every matched policy is listed for both ingress and egress, whatever its policy types"
        case .finishedPodKeepsIP:
            return "a finished pod (phase Succeeded/Failed) keeps its workload endpoint and IP"
        case .terminatingPodTreatedAsFinished:
            return "a pod with a deletionTimestamp alone is treated as finished and loses its endpoint (needs a terminating pod)"
        case .profileRefNotReleased:
            return "deleting a local endpoint does not release its profile references, so the profile never goes inactive"
        case .policyOrderNoNameTieBreak:
            return "policies with equal order keep arrival order instead of sorting by name/namespace/kind"
        case .remoteEndpointsActivatePolicies:
            return "remote endpoints activate policies and profiles, as if the hostname filter were missing"
        case .ruleChangeNotResent:
            return "a rule change to an active policy whose selector, order and types are unchanged is not re-sent"
        case .reAddedIPSetSentAsDelta:
            return "an IP set removed and re-added within one flush is sent as a delta on top of the old members"
        case .endpointsBeforeInSync:
            return "workload endpoints are sent before the datastore is in sync"
        case .tierOrderChangeNotResorted:
            return "a Tier update that changes only its order does not re-sort the endpoints using it, so a Pass falls through to the tier that used to come next (needs Calico Tiers)"
        case .globalNamespaceSelectorNotRewritten:
            return "a rule's namespaceSelector `global()` is not rewritten to !has(projectcalico.org/namespace), so it matches namespaced endpoints too (needs a Calico policy)"
        case .networkSetRelabelKeepsMembers:
            return "a network set relabelled out of a rule selector keeps its CIDRs in that selector's IP set (needs a Calico network set)"
        case .notSelectorSetUnreferenced:
            return "a rule side with a notSelector and no selector gets its negated IP set, but the rule does not reference it (needs a Calico policy)"
        case .hasScanMissesInheritedLabels:
            return "a newly active IP set whose selector is exactly has(k) scans only endpoints with their own label k, missing those that inherit it from a namespace or service account (needs a Calico namespaceSelector)"
        case .policyOrderComparedAsInteger:
            return "policy orders are compared with their fractions cut off, so 1.5 ties with 1 and the name decides (needs Calico policy orders)"
        }
    }

    /// True when only Calico's own resources (Tiers, Calico and global policies, network sets)
    /// can show the bug. Kubernetes-only scenarios cannot reach these, so the fixed-seed
    /// Kubernetes campaign, its shrink and live-parity benches leave them out; the Calico
    /// sequences and walks (issue 16) find them.
    public var needsCalicoResources: Bool {
        switch self {
        case .tierOrderChangeNotResorted, .globalNamespaceSelectorNotRewritten, .networkSetRelabelKeepsMembers,
            .notSelectorSetUnreferenced, .hasScanMissesInheritedLabels, .policyOrderComparedAsInteger:
            return true
        default:
            return false
        }
    }

    /// The bugs a Kubernetes-only scenario can reach, sorted.
    public static var kubernetesReachable: [InjectedBug] { allCases.filter { !$0.needsCalicoResources }.sorted() }

    public static func < (a: InjectedBug, b: InjectedBug) -> Bool { a.rawValue < b.rawValue }
}
