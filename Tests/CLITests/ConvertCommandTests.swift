import Foundation
import Testing
@testable import K8sfvCLI

@Suite struct ConvertCommandTests {
    static let policyJSON = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-fe","namespace":"prod"},
         "spec":{"podSelector":{"matchLabels":{"app":"db"}},
          "ingress":[{"from":[{"podSelector":{"matchLabels":{"role":"frontend"}}}],"ports":[{"port":5432}]},
                     {"ports":[{"port":70000}]}]}}
        """

    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("k8sfv-convert-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedIO()
        let code = K8sfvMain.run(arguments: ["convert"] + arguments, io: captured.io)
        return (code, captured.stdout, captured.stderr)
    }

    @Test func printsV3PolicyAndReportsDroppedRule() throws {
        let path = try Self.file(Self.policyJSON)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run([path])
        #expect(result.code == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any]
        #expect(object?["apiVersion"] as? String == "projectcalico.org/v3")
        let spec = object?["spec"] as? [String: Any]
        #expect(spec?["selector"] as? String == "projectcalico.org/orchestrator == 'k8s' && app == 'db'")
        #expect((spec?["ingress"] as? [Any])?.count == 1)
        #expect(result.err.contains("spec.ingress[1] dropped"))
        #expect(result.err.contains("invalid port 70000: invalid port format (70000)"))
        // Pretty, sorted keys: "apiVersion" comes first, on its own line.
        #expect(result.out.hasPrefix("{\n  \"apiVersion\""))
    }

    @Test func felixView() throws {
        let path = try Self.file(Self.policyJSON)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run(["--felix", path])
        #expect(result.code == 0)
        #expect(result.out.contains("s:FxNUZVWb2qGtoM8yzogo6n_ZJJNgX-j8fHrd-w"))
        #expect(result.out.contains(#""kind" : "KubernetesNetworkPolicy""#))
        #expect(result.out.contains(#"projectcalico.org/namespace == \"prod\")"#))
    }

    @Test func notAPolicyExitsTwo() throws {
        let pod = try Self.file(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}}"#)
        let garbage = try Self.file("{not json")
        let badField = try Self.file(#"{"kind":"NetworkPolicy","metadata":{"name":"x"},"spec":{"ingress":"nope"}}"#)
        defer { for path in [pod, garbage, badField] { try? FileManager.default.removeItem(atPath: path) } }
        let podResult = Self.run([pod])
        #expect(podResult.code == 2)
        #expect(podResult.err.contains(#"kind is "Pod", expected "NetworkPolicy""#))
        #expect(Self.run([garbage]).code == 2)
        let bad = Self.run([badField])
        #expect(bad.code == 2)
        #expect(bad.err.contains("spec.ingress"))
        #expect(Self.run(["/nonexistent/k8sfv.json"]).code == 2)
        #expect(Self.run([]).code == 2)
        #expect(Self.run(["--bogus", pod]).code == 2)
    }

    @Test func defaultsOption() throws {
        let path = try Self.file(#"{"kind":"NetworkPolicy","metadata":{"name":"e","namespace":"n"},"spec":{"podSelector":{},"egress":[{}]}}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(!Self.run([path]).out.contains("\"Egress\""))
        #expect(Self.run(["--defaults", path]).out.contains("\"Egress\""))
    }

    @Test func batchAnswersOneLineEach() throws {
        let line = Self.policyJSON.replacingOccurrences(of: "\n", with: " ")
        let path = try Self.file(line + "\n\n" + #"{"kind":"Pod"}"# + "\n" + #"{"kind":"NetworkPolicy","metadata":{"name":"ok","namespace":"n"},"spec":{"podSelector":{}}}"# + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run(["--batch", path])
        #expect(result.code == 0)
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let answers = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(answers.count == 3)
        #expect(answers[0]["policy"] != nil)
        #expect((answers[0]["ruleErrors"] as? [[String: Any]])?.first?["index"] as? Int == 1)
        #expect(answers[1]["error"] as? String == #"line 3: kind is "Pod", expected "NetworkPolicy""#)
        #expect(answers[2]["policy"] != nil && answers[2]["ruleErrors"] == nil)
        let felix = Self.run(["--batch", path, "--felix"])
        #expect(felix.out.split(separator: "\n").first?.contains(#""felix":"#) == true)
    }
}
