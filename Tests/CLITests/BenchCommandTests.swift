import Foundation
import Testing
@testable import K8sfvCLI

/// `k8sfv bench` at tiny sizes: it finishes and prints every section (no timing is asserted).
@Suite struct BenchCommandTests {
    @Test func tinyRunPrintsEverySection() {
        let captured = CapturedIO()
        let code = K8sfvMain.run(
            arguments: ["bench", "--quick", "--in-process", "--pods", "100,300", "--steps", "5", "--oracle-steps", "3",
                        "--relabels", "10", "--time", "200ms", "--sequences", "5", "--seed-steps", "5", "--seeds", "1"],
            io: captured.io)
        #expect(code == 0 || code == 1)
        let out = captured.stdout
        for heading in ["== workloads", "== relabel scaling", "== fuzz throughput", "== generation",
                        "== shrinking challenge"] {
            #expect(out.contains(heading), "missing \(heading)")
        }
        for workload in ["rotateMaturity", "podRingChurn", "policyChurn"] { #expect(out.contains(workload)) }
        #expect(out.contains("geometric mean speed-up"))
        #expect(out.contains("Hypothesis"))
    }

    @Test func jsonAndReport() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-bench-\(getpid()).html")
        defer { try? FileManager.default.removeItem(at: report) }
        let captured = CapturedIO()
        let code = K8sfvMain.run(
            arguments: ["bench", "workloads", "relabel", "--quick", "--in-process", "--pods", "100", "--steps", "4",
                        "--oracle-steps", "2", "--relabels", "5", "--json", "--report", report.path],
            io: captured.io)
        #expect(code == 0)
        let json = try JSONSerialization.jsonObject(with: Data(captured.stdout.utf8)) as? [String: Any]
        #expect((json?["workloads"] as? [Any])?.count == 3)
        #expect((json?["relabel"] as? [Any])?.count == 1)
        #expect(json?["fuzz"] == nil)
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg"))
        #expect(!html.contains("<script"))
    }

    @Test func badUsageExitsTwo() {
        for arguments in [["bench", "nonsense"], ["bench", "--pods", "ten"], ["bench", "--time", "0"], ["bench", "--target", "mars"]] {
            let captured = CapturedIO()
            #expect(K8sfvMain.run(arguments: arguments, io: captured.io) == 2, "\(arguments)")
        }
    }
}
