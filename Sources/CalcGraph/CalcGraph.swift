import Calico

// The in-process model of Felix's calculation graph: Kubernetes writes in, one at a time;
// Felix's dataplane messages out, coalesced and ordered as Felix's EventSequencer emits them.
// Shaped like projectcalico/calico:felix/calc/calc_graph.go: one calculator to a file, each
// talking to the next through a narrow callback protocol (declared below), one per kind of
// output. Nothing here shares code with the Oracle beyond the selector language and conversion.
//
// Data flow (local = the endpoint's hostname is `localHost`):
//
//   Write
//     │
//     ▼
//   InputDispatcher ── converts (PodConversion, ProfileConversion, FelixPolicyConversion),
//     │                drops unchanged values, splits local endpoints from remote ones
//     │
//     ├── local endpoints, policies,        ┌──────────────────────┐ policy/profile ┌─────────────┐
//     │   namespace labels and rules ─────► │ ActiveRulesCalculator│ ─ active ────► │ RuleScanner │
//     │                                     └──────────┬───────────┘   /inactive    └──┬───┬───┬──┘
//     │                                        match started/stopped                    │   │   │
//     │                                                ▼                                │   │   │
//     ├── local endpoints, policies ──────────► ┌────────────────┐                      │   │   │
//     │                                         │ PolicyResolver │                      │   │   │
//     │                                         └───────┬────────┘                      │   │   │
//     │                                   endpoint update/remove      policy/profile    │   │   │
//     │                                                 │             update/remove ────┘   │   │
//     │                                                 ▼                                   │   │
//     │                                         ┌────────────────┐ ◄── IP set added/removed ┘   │
//     │                                         │ EventSequencer │                              │
//     │                                         └───────┬────────┘ ◄── member added/removed ─┐  │
//     │                                                 ▼                                    │  │
//     │                                          [FelixMessage]                              │  │
//     │                                                                 ┌──────────────────┐ │  │
//     └── all endpoints, namespace labels ────────────────────────────► │ IPSetMemberIndex │─┘  │
//                                                                       └──────────────────┘ ◄──┘
//                                                                          IP set active/inactive
//
// Calico's own resources (`CalicoWrite`) enter at the same dispatcher: Calico policies join the
// policy path above, Tier resources go to the PolicyResolver, and network sets go to the
// NetworkSetMemberIndex, which feeds selector IP sets beside the IPSetMemberIndex. Both member
// indexes report to the IPSetMemberDeduplicator (contribution counts, overlap suppression),
// which reports to the EventSequencer.
//
// Cost: each component documents its own; an update costs the size of its effect (plus the
// selector evaluations Felix itself performs), never a recomputation of everything.

// MARK: - The callback protocols, one per kind of output

/// Dispatcher → IP-set member index: every endpoint, local or remote (nil = absent).
protocol EndpointChangeSink: AnyObject {
    func endpointChanged(_ id: WorkloadEndpointID, old: EndpointData?, new: EndpointData?)
}

/// Dispatcher → active-rules calculator and policy resolver: local endpoints only.
protocol LocalEndpointChangeSink: AnyObject {
    func localEndpointChanged(_ id: WorkloadEndpointID, old: EndpointData?, new: EndpointData?)
}

/// Dispatcher → active-rules calculator and policy resolver: policies (nil = deleted).
protocol PolicyChangeSink: AnyObject {
    func policyChanged(_ id: PolicyID, old: FelixPolicy?, new: FelixPolicy?)
}

/// Dispatcher → label-inheriting indexes: a namespace profile's labels (nil = profile gone).
protocol ParentLabelsSink: AnyObject {
    func parentLabelsChanged(_ id: ProfileID, old: [String: String]?, new: [String: String]?)
    /// The cluster now lists its ServiceAccounts: stop assuming that every account an endpoint
    /// names exists, and drop the labels assumed for them (the listed ones arrive as parent
    /// label changes). Called once, before the first ServiceAccount write.
    func serviceAccountsListed()
}

/// Dispatcher → network-set member index: a Calico NetworkSet or GlobalNetworkSet as Felix
/// holds it (nil = deleted).
protocol NetworkSetChangeSink: AnyObject {
    func networkSetChanged(_ id: String, old: FelixNetworkSet?, new: FelixNetworkSet?)
}

/// Dispatcher → policy resolver: a Calico Tier resource (nil = deleted).
protocol TierChangeSink: AnyObject {
    func tierChanged(_ name: String, old: V3Tier?, new: V3Tier?)
}

/// Dispatcher → active-rules calculator: a namespace profile's rules (nil = profile gone).
protocol ProfileRulesSink: AnyObject {
    func profileRulesChanged(_ id: ProfileID, rules: Profile?)
    /// As `ParentLabelsSink.serviceAccountsListed`: an account not listed is now a missing
    /// profile, with deny rules.
    func serviceAccountsListed()
}

/// Active-rules calculator → rule scanner: a policy became active (or, already active, changed).
protocol PolicyActivationSink: AnyObject {
    func policyActivated(_ policy: FelixPolicy)
    func policyDeactivated(_ id: PolicyID)
}

/// Active-rules calculator → rule scanner: a profile became active (or, already active, changed).
protocol ProfileActivationSink: AnyObject {
    func profileActivated(_ id: ProfileID, rules: Profile)
    func profileDeactivated(_ id: ProfileID)
}

/// Active-rules calculator → policy resolver: a policy's selector started or stopped matching
/// a local endpoint.
protocol PolicyMatchSink: AnyObject {
    func matchStarted(policy: PolicyID, endpoint: WorkloadEndpointID)
    func matchStopped(policy: PolicyID, endpoint: WorkloadEndpointID)
}

/// Rule scanner → event sequencer and IP-set member index: an IP set became (in)active.
protocol IPSetActivationSink: AnyObject {
    func ipSetActivated(_ definition: IPSetDefinition)
    func ipSetDeactivated(_ id: String)
}

/// IP-set member index and network-set member index → member deduplicator → event sequencer.
protocol IPSetMemberSink: AnyObject {
    func memberAdded(set: String, member: String)
    func memberRemoved(set: String, member: String)
}

/// Rule scanner → event sequencer.
protocol ActivePolicySink: AnyObject {
    func activePolicyUpdated(_ id: PolicyID, policy: Policy)
    func activePolicyRemoved(_ id: PolicyID)
}

/// Rule scanner → event sequencer.
protocol ActiveProfileSink: AnyObject {
    func activeProfileUpdated(_ id: ProfileID, profile: Profile)
    func activeProfileRemoved(_ id: ProfileID)
}

/// Policy resolver → event sequencer.
protocol WorkloadEndpointSink: AnyObject {
    func endpointUpdated(_ id: WorkloadEndpointID, endpoint: WorkloadEndpoint)
    func endpointRemoved(_ id: WorkloadEndpointID)
}

// MARK: - The graph

/// An incremental model of Felix's calculation graph for one host. Feed it Kubernetes writes
/// with `apply`, call `markInSync` once the initial objects are in, and `flush` to collect the
/// messages Felix would send to its dataplane since the last flush.
///
/// Not thread-safe: one graph belongs to one driver.
public final class CalcGraph {
    public let localHost: String
    public let injections: Set<InjectedBug>

    private let dispatcher: InputDispatcher
    private let activeRules: ActiveRulesCalculator
    private let ruleScanner: RuleScanner
    private let memberIndex: IPSetMemberIndex
    private let networkSetIndex: NetworkSetMemberIndex
    private let deduplicator: IPSetMemberDeduplicator
    private let resolver: PolicyResolver
    private let sequencer: EventSequencer

    public init(localHost: String, injections: Set<InjectedBug> = []) {
        self.localHost = localHost
        self.injections = injections
        // Built from the output end back to the input, so each component gets its sinks.
        // Sink order matters where one event fans out: the sequencer learns of a new IP set
        // before the member index fills it (as in Felix's RuleScanner → EventSequencer wiring).
        sequencer = EventSequencer(injections: injections)
        deduplicator = IPSetMemberDeduplicator(members: sequencer)
        memberIndex = IPSetMemberIndex(members: deduplicator, injections: injections)
        networkSetIndex = NetworkSetMemberIndex(members: deduplicator, injections: injections)
        ruleScanner = RuleScanner(
            ipSetSinks: [sequencer, memberIndex, networkSetIndex, deduplicator], policies: sequencer,
            profiles: sequencer, injections: injections)
        resolver = PolicyResolver(endpoints: sequencer, injections: injections)
        activeRules = ActiveRulesCalculator(
            policies: ruleScanner, profiles: ruleScanner, matches: resolver, injections: injections)
        dispatcher = InputDispatcher(
            localHost: localHost, injections: injections,
            allEndpoints: memberIndex, ruleEndpoints: activeRules, resolverEndpoints: resolver,
            policies: [activeRules, resolver], parentLabels: [activeRules, memberIndex, networkSetIndex],
            profileRules: activeRules, networkSets: networkSetIndex, tiers: resolver)
    }

    /// Applies one Kubernetes write (put or delete). Node writes are accepted and ignored.
    public func apply(_ write: Write) {
        dispatcher.apply(write)
    }

    /// Applies writes in order.
    public func apply(_ writes: [Write]) {
        for write in writes { dispatcher.apply(write) }
    }

    /// Applies one write of a Calico resource (policy, network set or tier).
    public func apply(_ write: CalicoWrite) {
        dispatcher.apply(write)
    }

    /// Applies Calico writes in order.
    public func apply(_ writes: [CalicoWrite]) {
        for write in writes { dispatcher.apply(write) }
    }

    /// The datastore is in sync: endpoints start to flow, and the next flush ends with `InSync`.
    public func markInSync() {
        resolver.markInSync()
        sequencer.markInSync()
    }

    /// Everything that changed since the last flush, coalesced, in Felix's flush order.
    public func flush() -> [FelixMessage] {
        resolver.flush()
        return sequencer.flush()
    }

    /// Selector evaluations performed so far (each one endpoint against one policy or IP set
    /// selector): the graph's work, for cost checks. An update's share is the difference
    /// across it.
    public var selectorEvaluations: Int { activeRules.evaluations + memberIndex.evaluations }

    /// True when every index, reference count and cache is empty. After all objects are
    /// deleted and the result flushed, anything else is a leak.
    public var isEmptyInternally: Bool { internalLeakReport.isEmpty }

    /// One line per non-empty internal structure, sorted.
    public var internalLeakReport: [String] {
        (dispatcher.leakReport + activeRules.leakReport + ruleScanner.leakReport + memberIndex.leakReport
            + networkSetIndex.leakReport + deduplicator.leakReport + resolver.leakReport + sequencer.leakReport).sorted()
    }
}
