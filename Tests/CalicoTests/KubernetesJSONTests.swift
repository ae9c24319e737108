import Foundation
import Testing
@testable import Calico

@Suite struct KubernetesJSONTests {
    @Test func podRoundTripsAsRealKubernetesJSON() throws {
        let json = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"db-0","namespace":"prod","labels":{"app":"db"}},
         "spec":{"nodeName":"host-1","serviceAccountName":"default","containers":[{"name":"c","ports":[{"name":"pg","containerPort":5432}]}]},
         "status":{"phase":"Running","podIP":"10.0.0.5","podIPs":[{"ip":"10.0.0.5"}]}}
        """
        let object = try KubeJSON.decode(KubeObject.self, from: Data(json.utf8))
        guard case .pod(let pod) = object else {
            Issue.record("decoded \(object.kind), expected Pod")
            return
        }
        #expect(pod.key == ObjectKey(namespace: "prod", name: "db-0"))
        #expect(pod.spec.containers.first?.ports?.first?.name == "pg")
        let again = try KubeJSON.decode(KubeObject.self, from: try KubeJSON.encode(object))
        #expect(again == object)
    }

    @Test func intOrStringKeepsItsJSONType() throws {
        let port = NetworkPolicyPort(protocol: "TCP", port: .int(80))
        #expect(try KubeJSON.encodeString(port) == #"{"port":80,"protocol":"TCP"}"#)
        let named = NetworkPolicyPort(port: .string("http"))
        #expect(try KubeJSON.encodeString(named) == #"{"port":"http"}"#)
    }

    @Test func snapshotDecodesAKubectlListAndSkipsOtherKinds() throws {
        let json = """
        {"apiVersion":"v1","kind":"List","items":[
          {"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"a"}},
          {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a","labels":{"area":"area1"}}},
          {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"p","namespace":"a"},"spec":{"podSelector":{}}}
        ]}
        """
        let snapshot = try KubeJSON.decode(ClusterSnapshot.self, from: Data(json.utf8))
        #expect(snapshot.namespaces["a"]?.labels == ["area": "area1"])
        #expect(snapshot.policies.count == 1)
        #expect(snapshot.pods.isEmpty)
    }

    @Test func writesApplyAndDeleteObjects() {
        var snapshot = ClusterSnapshot()
        snapshot.apply(.put(.namespace(Namespace(name: "a"))))
        #expect(snapshot.namespaces.count == 1)
        snapshot.apply(.delete(ObjectRef(kind: .namespace, name: "a")))
        #expect(snapshot.isEmpty)
    }
}
