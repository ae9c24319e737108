// Switchable deviations from Felix's behaviour, each a small realistic mistake taken from
// Felix's history (spec §5 of shared/spec/felix-semantics.md) or from the semantics it must
// keep. All are off by default. Each component turns the set it is given into `let` booleans at
// construction, so a bug that is off costs one predictable branch at its decision point.
//
// Every case is reachable through Kubernetes objects (pods, namespaces, NetworkPolicies); the
// summary says what a scenario needs for the bug to show.

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
        }
    }

    public static func < (a: InjectedBug, b: InjectedBug) -> Bool { a.rawValue < b.rawValue }
}
