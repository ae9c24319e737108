import CalcGraph
@testable import Campaign
import Foundation
@testable import Reports
import Testing
@testable import Driver
@testable import Gen
import Shrink

/// A report of a real (short) campaign with an injected bug: the failures table is filled and
/// links to the saved reproducer. Set K8SFV_REPORT_SAMPLE=/path/report.html to keep the page
/// (how docs/report.md's screenshot was made).
@Suite struct ReportSampleTests {
    @Test func reportOfARealCampaignListsItsReproducers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-report-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sample = ProcessInfo.processInfo.environment["K8SFV_REPORT_SAMPLE"]
        let configuration = CampaignConfiguration(
            seed: 5, sequenceLimit: sample == nil ? 12 : 200, scale: .small,
            target: TargetSpec(kind: .model, injections: [.ipSetNotRefCounted]),
            outputDirectory: directory.appendingPathComponent("seeds"), shrink: true,
            shrinkBudget: ShrinkBudget(maxEvaluations: 200, maxSeconds: 3))
        let summary = Campaign(configuration: configuration).run()
        let html = CampaignReport.render(
            summary: summary, generation: nil, title: "k8sfv fuzz, seed 5",
            context: ReportContext(target: "model", injections: ["ipSetNotRefCounted"], scale: "small",
                                   reportDirectory: directory.path))
        #expect(summary.statistics.generation?.scenarios == summary.statistics.sequences)
        #expect(html.components(separatedBy: "<svg").count - 1 == 9)
        for record in summary.failures {
            #expect(html.contains(HTMLText.escape(record.signature.description)))
            #expect(html.contains("href=\"seeds/"))
        }
        if let sample {
            try html.write(toFile: sample, atomically: true, encoding: .utf8)
        }
    }
}
