import Foundation
import Calico
import Testing
@testable import K8sfvCLI

@Suite struct SelectorCommandTests {
    private func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedIO()
        let code = K8sfvMain.run(arguments: ["selector"] + arguments, io: captured.io)
        return (code, captured.stdout, captured.stderr)
    }

    @Test func singleSelectorPrintsCanonicalAndID() {
        let result = run(["! (has( b)||! has(a ))"])
        #expect(result.code == 0)
        #expect(result.out == #"{"canonical":"!(has(b) || !has(a))","id":"s:Iss0uCleLYv1GSv_pNm7hAO58kE9jAx1NKyG3Q","matches":null}"# + "\n")
        #expect(result.err.isEmpty)
    }

    @Test func labelsGiveMatches() {
        let yes = run(["--labels", #"{"a":"x"}"#, #"has(a) && b != "y""#])
        #expect(yes.code == 0)
        #expect(yes.out.contains(#""matches":true"#))
        let no = run(["--labels={\"b\":\"y\"}", "--selector", #"has(a) || b != "y""#])
        #expect(no.code == 0)
        #expect(no.out.contains(#""matches":false"#))
        #expect(no.out.contains(#""canonical":"(has(a) || b != \"y\")""#))
    }

    @Test func emptySelectorIsAll() {
        let result = run([""])
        #expect(result.out.contains(#""canonical":"all()","id":"s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug""#))
    }

    @Test func invalidSelectorGoesToStderrWithColumnAndExitsTwo() {
        let result = run(["a == b"])
        #expect(result.code == 2)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("expected a string after '==' at column 6"))
        #expect(result.err.contains("       ^"))
    }

    @Test func badLabelsAndUsageExitTwo() {
        #expect(run(["--labels", "{\"a\":1}", "has(a)"]).code == 2)
        #expect(run(["--labels", "not json", "has(a)"]).code == 2)
        #expect(run([]).code == 2)
        #expect(run(["has(a)", "--frobnicate"]).code == 2)
        #expect(run(["--batch", "-", "--labels", "{}"]).code == 2)
    }

    @Test func batchWritesOneLinePerInput() throws {
        let lines = [
            #"{"selector":"a == 'b'","labels":{"a":"b"}}"#,
            "",
            "not json",
            #"{"selector":"a ="}"#,
            #"{"selector":"has(x)"}"#,
            #"{"labels":{}}"#,
            #"{"selector":"all()","labels":{"a":2}}"#,
            #"{"selector":"b not in {}","labels":{},"extra":1}"#,
        ]
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("k8sfv-selector-batch-\(UUID().uuidString).jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        let result = run(["--batch", url.path])
        #expect(result.code == 0)
        let output = result.out.split(separator: "\n").map(String.init)
        #expect(output == [
            #"{"canonical":"a == \"b\"","error":null,"id":"s:flMh0m0X_BowkAK_W3j3MgH8oQOsj3WxGDoXCQ","matches":true}"#,
            #"{"canonical":null,"error":"line 3: invalid JSON; expected {\"selector\": \"...\", \"labels\": {...}}","id":null,"matches":null}"#,
            #"{"canonical":null,"error":"line 4: expected '==' (a single '=' is not an operator) at column 3","id":null,"matches":null}"#,
            #"{"canonical":"has(x)","error":null,"id":"s:PvZGPL1dAgzo6vXmSYhpGFUIgcBYO2i2LBZJSA","matches":null}"#,
            #"{"canonical":null,"error":"line 6: missing \"selector\" string","id":null,"matches":null}"#,
            #"{"canonical":null,"error":"line 7: \"labels\": label 'a' must have a string value","id":null,"matches":null}"#,
            #"{"canonical":"b not in {}","error":null,"id":""#
                + UniqueID.make(prefix: "s", content: "b not in {}") + #"","matches":true}"#,
        ])
    }

    @Test func batchIDsAgreeWithTheSingleForm() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("k8sfv-selector-agree-\(UUID().uuidString).jsonl")
        try Data(#"{"selector":"b not in {}"}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let batch = run(["--batch", url.path]).out
        let single = run(["b not in {}"]).out
        let id = single.components(separatedBy: #""id":""#).dropFirst().first?.prefix(40)
        #expect(id?.count == 40)
        #expect(batch.contains(#""id":""# + String(id ?? "")))
    }

    @Test func unreadableBatchFileExitsTwo() {
        let result = run(["--batch", "/nonexistent/k8sfv-selector.jsonl"])
        #expect(result.code == 2)
        #expect(result.err.contains("/nonexistent/k8sfv-selector.jsonl: no such file"))
    }

    @Test func helpListsEveryOption() {
        let result = run(["--help"])
        #expect(result.code == 0)
        for option in ["--labels", "--selector", "--batch", "--help"] {
            #expect(result.out.contains(option))
        }
    }
}
