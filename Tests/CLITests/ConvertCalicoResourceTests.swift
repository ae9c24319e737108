import Calico
import Foundation
import Testing
@testable import K8sfvCLI

/// `k8sfv convert` on Calico's own resources (crd.projectcalico.org/v1, projectcalico.org/v3).
@Suite struct ConvertCalicoResourceTests {
    static let policy = #"""
    {"apiVersion":"crd.projectcalico.org/v1","kind":"NetworkPolicy","metadata":{"name":"web","namespace":"prod"},
     "spec":{"order":2.5,"selector":"app == 'web'","ingress":[{"action":"Deny","protocol":"TCP","source":{"notSelector":"x == 'y'"},"destination":{"ports":[443]}}]}}
    """#

    @Test func felixViewOfACalicoPolicy() throws {
        let path = try ConvertCommandTests.file(Self.policy)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = ConvertCommandTests.run(["--felix", path])
        #expect(result.code == 0 && result.err == "", "\(result.err)")
        #expect(result.out.contains(#""kind" : "NetworkPolicy""#))
        #expect(result.out.contains(#""action" : "deny""#))
        #expect(result.out.contains(#""order" : 2.5"#))
        #expect(result.out.contains(#""valid" : true"#))
        // Without --felix: the resource as read.
        let plain = ConvertCommandTests.run([path])
        let decoded = try KubeJSON.decode(V3Resource.self, from: Data(plain.out.utf8))
        #expect(decoded == (try KubeJSON.decode(V3Resource.self, from: Data(Self.policy.utf8))))
    }

    @Test func refusedOnWriteGoesToStderrAndBatchNamesIt() throws {
        let tier = #"{"apiVersion":"projectcalico.org/v3","kind":"Tier","metadata":{"name":"sec"},"spec":{"order":5,"defaultAction":"Allow"}}"#
        let path = try ConvertCommandTests.file(tier)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = ConvertCommandTests.run(["--felix", path])
        #expect(result.code == 0)
        #expect(result.err.contains("Tier sec: the API server would refuse it: spec.defaultAction: must be Deny or Pass"))
        #expect(result.out.contains(#""defaultAction" : "Deny""#))

        let batch = try ConvertCommandTests.file(tier + "\n" + #"{"apiVersion":"projectcalico.org/v3","kind":"Profile","metadata":{"name":"x"}}"#)
        defer { try? FileManager.default.removeItem(atPath: batch) }
        let lines = ConvertCommandTests.run(["--batch", batch, "--felix"]).out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix(#"{"felix":{"defaultAction":"Deny","name":"sec","order":5}"#))
        #expect(lines[0].contains("refusedOnWrite"))
        #expect(lines[1].contains("line 2: 'Profile' of apiVersion 'projectcalico.org/v3' is not a Calico resource k8sfv reads"))
    }

    @Test func anUnknownCalicoKindIsAnInputError() throws {
        let path = try ConvertCommandTests.file(#"{"apiVersion":"crd.projectcalico.org/v1","kind":"IPPool","metadata":{"name":"x"}}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = ConvertCommandTests.run([path])
        #expect(result.code == 2)
        #expect(result.err.contains("'IPPool' of apiVersion 'crd.projectcalico.org/v1' is not a Calico resource k8sfv reads"))
    }
}
