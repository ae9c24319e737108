import Calico
import CalcGraph
import Campaign
import Driver
import Testing

// Each injected bug that needs Calico's own resources, on a hand-written sequence of Calico
// writes: with the bug the property layer fails with the signature below (property, kind and
// aspect, as a campaign names it); without it the same sequence, teardown included, passes.
// The step counts are `InjectionMinimum`'s for these bugs.

private struct CalicoBugCase: Sendable, CustomTestStringConvertible {
    var bug: InjectedBug
    var kube: [KubeObject]
    var calico: [V3Resource]
    var steps: [MixedStep]
    var signature: String

    var testDescription: String { bug.rawValue }

    func run(_ bugs: Set<InjectedBug>) -> Failure? {
        CalicoPropertyRun.firstFailure(bugs: bugs, kube: kube, calico: calico, steps: steps)
    }
}

private let prod = K.namespace("prod", ["env": "prod"])
private let db = K.pod("db", ns: "prod", ip: "10.1.0.7", labels: ["role": "db"])
private let ingressOnly = ["Ingress"]

private let calicoCases: [CalicoBugCase] = [
    // Two Tiers on one endpoint; the first (a Pass tier) moves behind the second. Without the
    // re-sort the endpoint keeps listing it first.
    CalicoBugCase(
        bug: .tierOrderChangeNotResorted,
        kube: [prod, db],
        calico: [
            C.tier("t1", order: 10, pass: true), C.tier("t2", order: 20),
            C.policy("a", ns: "prod", tier: "t1", selector: "role == 'db'", types: ingressOnly),
            C.policy("b", ns: "prod", tier: "t2", selector: "role == 'db'", types: ingressOnly),
        ],
        steps: [MixedStep(calico: [.put(C.tier("t1", order: 30, pass: true))])],
        signature: "convergence/endpoint-tiers/tiers"),
    // A rule admitting only non-namespaced sources (`global()`), with a pod that its selector
    // would match were it namespaced-blind: unrewritten, `global()` is true everywhere, so the
    // rule's set has another selector (another ID) and takes the pod too.
    CalicoBugCase(
        bug: .globalNamespaceSelectorNotRewritten,
        kube: [prod, db, K.pod("fe", ns: "prod", host: remoteHost, ip: "10.9.0.1", labels: ["kind": "trusted"])],
        calico: [
            C.globalSet("partners", labels: ["kind": "trusted"], nets: ["192.0.2.0/24"]),
            C.policy("db", ns: "prod", selector: "role == 'db'", types: ingressOnly, ingress: [
                C.rule(.allow, from: V3EntityRule(selector: "kind == 'trusted'", namespaceSelector: "global()")),
            ]),
        ],
        steps: [],
        signature: "convergence/ipset-extra/namespace-selector"),
    // A global set relabelled out of a rule's selector: its CIDR must leave the rule's set.
    CalicoBugCase(
        bug: .networkSetRelabelKeepsMembers,
        kube: [prod, db],
        calico: [
            C.globalSet("partners", labels: ["kind": "trusted"], nets: ["192.0.2.0/24"]),
            C.global("screen", selector: "role == 'db'", types: ingressOnly, ingress: [
                C.rule(.allow, from: V3EntityRule(selector: "kind == 'trusted'")),
            ]),
        ],
        steps: [MixedStep(calico: [.put(C.globalSet("partners", labels: ["kind": "other"], nets: ["192.0.2.0/24"]))])],
        signature: "convergence/ipset-member-extra/pod-selector@not-removed"),
    // A global policy's rule with a notSelector and no selector: the negated set is its own,
    // and the rule must name it.
    CalicoBugCase(
        bug: .notSelectorSetUnreferenced,
        kube: [prod, db],
        calico: [
            C.global("screen", selector: "role == 'db'", types: ingressOnly, ingress: [
                C.rule(.allow, from: V3EntityRule(notSelector: "role == 'fe'")),
            ]),
        ],
        steps: [],
        signature: "convergence/policy-rule"),
    // A global policy admitting pods from namespaces that have `env` (a bare `has(pcns.env)`),
    // written after the pod: the new set's scan must find the pod through its namespace.
    CalicoBugCase(
        bug: .hasScanMissesInheritedLabels,
        kube: [prod, db],
        calico: [
            C.global("screen", selector: "role == 'db'", types: ingressOnly, ingress: [
                C.rule(.allow, from: V3EntityRule(namespaceSelector: "has(env)")),
            ]),
        ],
        steps: [],
        signature: "convergence/ipset-member-missing/namespace-selector@IPSetUpdate"),
    // Two policies on one endpoint, ordered 1.5 and 1: as integers they tie and the name puts
    // `a` first.
    CalicoBugCase(
        bug: .policyOrderComparedAsInteger,
        kube: [prod, db],
        calico: [
            C.policy("a", ns: "prod", order: 1.5, selector: "role == 'db'", types: ingressOnly),
            C.policy("b", ns: "prod", order: 1, selector: "role == 'db'", types: ingressOnly),
        ],
        steps: [],
        signature: "convergence/endpoint-tiers/order-value"),
]

@Suite("Injected bugs that need Calico resources")
struct CalicoInjectedBugTests {
    /// Each Calico-only bug's identity on its hand-written sequence.
    static let signatures: [InjectedBug: String] = Dictionary(uniqueKeysWithValues: calicoCases.map { ($0.bug, $0.signature) })

    @Test("every Calico-only bug has a hand-written case, and no Kubernetes-reachable bug is marked Calico-only")
    func catalogue() {
        #expect(Set(calicoCases.map(\.bug)) == Set(InjectedBug.allCases.filter(\.needsCalicoResources)))
        #expect(InjectedBug.kubernetesReachable.count == 17)
        #expect(Set(calicoCases.map(\.signature)).count == calicoCases.count, "two Calico bugs share an identity")
    }

    @Test("with the bug the property layer fails with a stable signature; without it the sequence passes", arguments: calicoCases)
    fileprivate func caught(_ bugCase: CalicoBugCase) {
        // The sequence has `InjectionMinimum`'s hand-worked fewest steps for the bug.
        #expect(InjectionMinimum.steps[bugCase.bug]?.steps == bugCase.steps.count)
        #expect(bugCase.run([]) == nil, "fails without \(bugCase.bug.rawValue): \(bugCase.run([]).map(String.init(describing:)) ?? "")")
        let failure = bugCase.run([bugCase.bug])
        #expect(failure?.signature.description == bugCase.signature, "\(failure.map(String.init(describing:)) ?? "no failure")")
        // Stable: the same run names the same failure.
        #expect(bugCase.run([bugCase.bug])?.signature == failure?.signature)
    }

    /// The identities of the hand-written failures are not those of any Kubernetes-reachable bug
    /// at its first failure in the seed-1 survey (`FailureIdentityTests` keeps those apart from
    /// each other), so a campaign that meets both keeps a reproducer for each.
    @Test("the Calico-only bugs' identities differ from every Kubernetes-reachable bug's")
    func identitiesApartFromKubernetesOnes() throws {
        var kubernetes: [String: InjectedBug] = [:]
        for bug in InjectedBug.kubernetesReachable {
            let found = try InjectionSurvey.firstFailure(bug: bug, seed: 1, budget: 100)
            let failure = try #require(found?.failure, "\(bug.rawValue) was not found")
            kubernetes[failure.signature.description] = bug
        }
        #expect(kubernetes.count == InjectedBug.kubernetesReachable.count)
        for bugCase in calicoCases {
            #expect(kubernetes[bugCase.signature] == nil,
                "\(bugCase.bug.rawValue) shares \(bugCase.signature) with \(kubernetes[bugCase.signature]?.rawValue ?? "")")
        }
    }
}
