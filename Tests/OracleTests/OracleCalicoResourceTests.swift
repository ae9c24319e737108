import Calico
import Foundation
@testable import Oracle
import Testing

/// The oracle with Calico's own resources in the snapshot: Calico policies become active like
/// Kubernetes ones, Tier resources order tiers and set their default action (Pass), and network
/// sets add their CIDRs to selector IP sets, with overlapping members suppressed.
@Suite struct OracleCalicoResourceTests {
    static let snapshotJSON = #"""
    {"apiVersion":"v1","kind":"List","items":[
     {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"prod","labels":{"env":"prod"}}},
     {"apiVersion":"v1","kind":"Pod","metadata":{"name":"db","namespace":"prod","labels":{"role":"db"}},
      "spec":{"nodeName":"node-a","serviceAccountName":"default","containers":[{"name":"c"}]},
      "status":{"phase":"Running","podIP":"10.1.0.7"}},
     {"apiVersion":"v1","kind":"Pod","metadata":{"name":"fe","namespace":"prod","labels":{"role":"fe"}},
      "spec":{"nodeName":"node-b","serviceAccountName":"default","containers":[{"name":"c"}]},
      "status":{"phase":"Running","podIP":"10.9.0.1"}},
     {"apiVersion":"crd.projectcalico.org/v1","kind":"Tier","metadata":{"name":"sec"},"spec":{"order":100,"defaultAction":"Pass"}},
     {"apiVersion":"crd.projectcalico.org/v1","kind":"GlobalNetworkPolicy","metadata":{"name":"sec.screen"},
      "spec":{"tier":"sec","order":5.5,"selector":"role == 'db'","types":["Ingress"],
       "ingress":[{"action":"Pass","source":{"selector":"kind == 'trusted'"}}]}},
     {"apiVersion":"crd.projectcalico.org/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"prod"},
      "spec":{"order":5,"selector":"role == 'db'","types":["Ingress"],
       "ingress":[{"action":"Allow","protocol":"TCP","source":{"namespaceSelector":"env == 'prod'"},"destination":{"ports":[5432]}}]}},
     {"apiVersion":"crd.projectcalico.org/v1","kind":"NetworkPolicy","metadata":{"name":"bad","namespace":"prod"},
      "spec":{"selector":"role == 'db'","ingress":[{"action":"Allow","protocol":"ICMP","destination":{"ports":[80]}}]}},
     {"apiVersion":"crd.projectcalico.org/v1","kind":"NetworkSet","metadata":{"name":"office","namespace":"prod","labels":{"kind":"trusted"}},
      "spec":{"nets":["10.9.0.0/16","10.9.3.0/24"]}},
     {"apiVersion":"crd.projectcalico.org/v1","kind":"GlobalNetworkSet","metadata":{"name":"partners","labels":{"kind":"trusted"}},
      "spec":{"nets":["192.0.2.0/24"]}}]}
    """#

    @Test func calicoResourcesShapeTheExpectedState() throws {
        let snapshot = try KubeJSON.decode(ClusterSnapshot.self, from: Data(Self.snapshotJSON.utf8))
        #expect(snapshot.calicoResources.count == 6)
        #expect(snapshot.policies.isEmpty)  // a Calico NetworkPolicy is not read as a Kubernetes one
        #expect(try KubeJSON.decode(ClusterSnapshot.self, from: KubeJSON.encode(snapshot)) == snapshot)

        let state = Oracle.expectedState(of: snapshot, localHost: "node-a")
        let screen = PolicyID(name: "sec.screen", namespace: "", kind: "GlobalNetworkPolicy")
        let db = PolicyID(name: "db", namespace: "prod", kind: "NetworkPolicy")
        // The invalid policy (ports on ICMP) never becomes active.
        #expect(Set(state.policies.keys) == [screen, db])
        let tiers = try #require(state.endpoints[WorkloadEndpointID(workloadID: "prod/db")]?.tiers)
        #expect(tiers == [
            TierInfo(name: "sec", ingressPolicies: [screen], egressPolicies: [], defaultAction: "Pass"),
            TierInfo(name: "default", ingressPolicies: [db], egressPolicies: [], defaultAction: "Deny"),
        ])
        // kind == 'trusted' selects both network sets; the /24 inside the /16 is suppressed.
        let trusted = try Selector(parsing: "kind == 'trusted'")
        #expect(state.ipSets[trusted.uniqueID]?.members == ["10.9.0.0/16", "192.0.2.0/24"])
        // The namespace selector selects both pods and, through kns.prod, the namespaced set,
        // whose /16 covers the fe pod's address.
        let namespaced = try #require(state.policies[db]?.inboundRules.first?.srcIPSetIDs.first)
        #expect(state.ipSets[namespaced]?.members == ["10.1.0.7/32", "10.9.0.0/16"])
    }

    @Test func overlapSuppressionKeepsTheBroadestMembers() {
        let members: Set<String> = ["10.0.0.0/8", "10.1.0.0/16", "10.1.2.3/32", "11.0.0.1/32", "fd00::/8", "fd00::1/128", "10.0.0.0/8"]
        #expect(OracleCalicoResources.suppressingOverlaps(members) == ["10.0.0.0/8", "11.0.0.1/32", "fd00::/8"])
    }
}
