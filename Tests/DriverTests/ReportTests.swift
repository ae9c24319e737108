@testable import Campaign
import Foundation
@testable import Reports
import Testing
@testable import Driver
@testable import Gen

/// The HTML report: well-formed-looking, one SVG per chart, user text escaped, byte-for-byte
/// deterministic.
@Suite struct ReportTests {
    static func summary(message: String = "property convergence failed (ipset-member-missing) after step 2 (relabelPod):\n  expected <b>x</b>") -> CampaignSummary {
        var statistics = CampaignStatistics()
        statistics.sequences = 40
        statistics.steps = 400
        statistics.failures = 3
        statistics.stepKinds = ["createPod": 120, "relabelPod": 80, "<script>alert(1)</script>": 1]
        statistics.messageKinds = ["WorkloadEndpointUpdate": 300, "IPSetDeltaUpdate": 90]
        statistics.messagesByStepKind = ["initial-sync": 100, "createPod": 250, "relabelPod": 40]
        statistics.throughput = [
            ThroughputSample(elapsed: 0.5, steps: 50), ThroughputSample(elapsed: 1.5, steps: 180),
            ThroughputSample(elapsed: 2.5, steps: 400),
        ]
        let record = FailureRecord(
            signature: FailureSignature(property: .convergence, kind: "ipset-member-missing"), reproducerID: "abc123",
            path: "seeds/abc 123.json", seed: "7", index: 3, originalSteps: 12, shrunkSteps: 2, shrinkEvaluations: 140,
            shrinkSeconds: 1.25, shrinkBudgetExhausted: false, message: message, duplicates: 2)
        return CampaignSummary(
            seed: "7", statistics: statistics, failures: [record], elapsed: 2.5, interrupted: false, nextIndex: 40, stride: 1)
    }

    static func generation() throws -> GenerationStats {
        var stats = GenerationStats()
        for index in 0..<5 {
            let (scenario, _) = try ScenarioGenerators.generate(seed: 11, index: UInt64(index))
            stats.add(scenario)
        }
        return stats
    }

    @Test func looksLikeACompleteSelfContainedPage() throws {
        let html = CampaignReport.render(summary: Self.summary(), generation: try Self.generation(), title: "nightly")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"en\">") && html.hasSuffix("</html>\n"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.components(separatedBy: "<svg").count - 1 == html.components(separatedBy: "</svg>").count - 1)
        // Throughput, messages per step kind, step kinds, five coverage categories, message kinds.
        #expect(html.components(separatedBy: "<svg").count - 1 == 9)
        // Nothing is fetched and nothing runs.
        for banned in ["<script", "<link", "@import", "src=", "url("] {
            #expect(!html.contains(banned), "report contains \(banned)")
        }
        #expect(html.contains("FAIL"))
        #expect(html.contains("convergence/ipset-member-missing"))
        #expect(html.contains("k8sfv replay &#39;seeds/abc 123.json&#39;"))
        #expect(html.contains("href=\"seeds/abc%20123.json\""))
    }

    @Test func escapesUserText() {
        let html = CampaignReport.render(
            summary: Self.summary(message: "<script>alert('x')</script> & more"), generation: nil,
            title: "<script>alert(\"t\")</script>")
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Without coverage only the summary's charts remain, and the report says so.
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(html.contains("was not recorded"))
    }

    @Test func isDeterministic() throws {
        let generation = try Self.generation()
        let first = CampaignReport.render(summary: Self.summary(), generation: generation, title: "t")
        // Rebuild every input from scratch so dictionary storage differs.
        let second = CampaignReport.render(summary: Self.summary(), generation: try Self.generation(), title: "t")
        #expect(first == second)
    }

    @Test func passingAndInterruptedVerdicts() {
        var summary = Self.summary()
        summary.failures = []
        summary.statistics.failures = 0
        #expect(CampaignReport.render(summary: summary, generation: nil, title: "t").contains("verdict pass"))
        summary.interrupted = true
        let html = CampaignReport.render(summary: summary, generation: nil, title: "t")
        #expect(html.contains("verdict interrupted") && html.contains("sequence 40"))
    }

    @Test func reproducerLinksAreRelativeToTheReport() {
        #expect(RelativePath.from(directory: "out", to: "seeds/a.json", base: "/w") == "../seeds/a.json")
        #expect(RelativePath.from(directory: "/w", to: "/w/seeds/a.json", base: "/x") == "seeds/a.json")
        #expect(RelativePath.from(directory: "/w/r/./", to: "/w/r/../s/b.json", base: "/") == "../s/b.json")
        let html = CampaignReport.render(
            summary: Self.summary(), generation: nil, title: "t",
            context: ReportContext(target: "model", injections: ["ipSetNotRefCounted"], reportDirectory: "/w/reports"))
        #expect(!html.contains("href=\"seeds/"))
        #expect(html.contains("ipSetNotRefCounted"))
    }

    @Test func chartScalesHaveNiceTicks() {
        let scale = ChartScale(min: 0, max: 47.3, count: 5)
        #expect(scale.ticks == [0, 10, 20, 30, 40, 50])
        #expect(scale.fraction(25) == 0.5)
        let flat = ChartScale(min: 0, max: 0)
        #expect(flat.upper > flat.lower)
        #expect(HTMLText.integer(1_234_567) == "1,234,567")
        #expect(HTMLText.integer(-12) == "-12")
        #expect(HTMLText.compact(12_500) == "12.5k")
    }
}
