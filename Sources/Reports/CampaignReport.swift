import Campaign
import Driver
import Foundation
import Gen

// CampaignReport: one self-contained HTML page for a campaign. Takes a CampaignSummary, the
// generation coverage (GenerationStats, optional) and a title; gives HTML with inline CSS and
// inline SVG charts (no scripts, no fonts or images fetched): the verdict and key numbers,
// the failures table with links to the reproducers and the replay command, throughput over
// time, coverage of step kinds and of selector operators, peer kinds and port forms, and
// messages emitted per step kind. Every order is fixed and there is no clock reading, so the
// same summary gives the same bytes. Cost: O(failures + counts).

/// Renders campaign summaries as HTML.
public enum CampaignReport {
    /// The report page. `generation` defaults to the coverage the campaign recorded.
    public static func render(summary: CampaignSummary, generation: GenerationStats?, title: String) -> String {
        render(summary: summary, generation: generation, title: title, context: ReportContext())
    }

    public static func render(
        summary: CampaignSummary, generation: GenerationStats?, title: String, context: ReportContext
    ) -> String {
        let coverage = generation ?? summary.statistics.generation
        let v = verdict(summary)
        var html = ""
        html += cards(summary, context: context)
        html += failuresSection(summary, context: context)
        html += "<h2>Throughput</h2>\n<div class=\"charts\">\n"
        html += figure(throughputChart(summary), caption: "Steps per second over the run", detail: "Each point is the rate since the previous sample (about one a second).")
        html += figure(messagesChart(summary), caption: "Felix messages emitted per step kind", detail: "Total messages after steps of each kind; the note gives the mean per step.")
        html += "</div>\n<h2>Coverage</h2>\n"
        html += "<p class=\"note\">What the generated scenarios exercised. A red label never occurred in this run.</p>\n"
        html += "<div class=\"charts\">\n"
        html += figure(stepKindChart(summary, coverage: coverage), caption: "Step kinds", detail: "Steps run, by kind.")
        if let coverage {
            for (category, caption) in [
                ("operator", "Selector operators"), ("peer", "Rule peer kinds"), ("port", "Port forms"),
                ("protocol", "Port protocols"), ("policyTypes", "Policy types"),
            ] {
                html += figure(categoryChart(coverage, category: category, title: caption), caption: caption,
                               detail: "Counted over every policy written, in \(HTMLText.integer(coverage.scenarios)) scenarios.")
            }
        } else {
            html += "<p class=\"note\">Selector, peer and port coverage was not recorded for this run.</p>\n"
        }
        html += "</div>\n"
        html += messageKindsSection(summary)
        html += footer(summary, context: context)
        return ReportPage.document(title: title, verdict: v.verdict, badge: v.badge, sentence: v.sentence, body: html)
    }

    // MARK: - Header and key numbers

    static func verdict(_ summary: CampaignSummary) -> (verdict: ReportVerdict, badge: String, sentence: String) {
        let failing = summary.failures.reduce(0) { $0 + 1 + $1.duplicates }
        if summary.interrupted {
            return (.interrupted, "INTERRUPTED", summary.failures.isEmpty
                ? "Stopped early; no property failed before the stop."
                : "Stopped early, after \(failing) failing sequences (\(summary.failures.count) distinct).")
        }
        if summary.failures.isEmpty && summary.statistics.failures == 0 {
            return (.pass, "PASS", "Every property held after every step.")
        }
        let distinct = summary.failures.count
        return (.fail, "FAIL", "\(max(failing, summary.statistics.failures)) failing sequences, \(distinct) distinct \(distinct == 1 ? "failure" : "failures").")
    }

    static func cards(_ summary: CampaignSummary, context: ReportContext) -> String {
        let stats = summary.statistics
        let rate = summary.elapsed > 0 ? Double(stats.steps) / summary.elapsed : 0
        let distinct = summary.failures.count
        let failed = distinct > 0 || stats.failures > 0
        let numbers: [(key: String, value: String, style: String)] = [
            ("Sequences", HTMLText.integer(stats.sequences), ""),
            ("Steps", HTMLText.integer(stats.steps), ""),
            ("Steps / s", HTMLText.integer(Int(rate.rounded())), ""),
            ("Failing sequences", HTMLText.integer(stats.failures), failed ? "bad" : "good"),
            ("Distinct failures", HTMLText.integer(distinct), failed ? "bad" : "good"),
            ("Elapsed", HTMLText.duration(summary.elapsed), ""),
        ]
        var facts: [(key: String, value: String, style: String)] = [
            ("Seed", summary.seed, "small"),
            ("Target", context.target + (context.scale.map { ", scale \($0)" } ?? ""), "small"),
            ("Injected bugs", context.injections.isEmpty ? "none" : context.injections.joined(separator: ", "), "small"),
        ]
        if summary.interrupted { facts.append(("Resume at", "sequence \(summary.nextIndex)", "small")) }
        return ReportPage.cards(numbers) + ReportPage.cards(facts, facts: true)
    }

    // MARK: - Failures

    static func failuresSection(_ summary: CampaignSummary, context: ReportContext) -> String {
        var html = "<h2>Failures</h2>\n"
        guard !summary.failures.isEmpty else {
            return html + "<p class=\"note\">No property failed: nothing to reproduce.</p>\n"
        }
        html += "<p class=\"note\">Each distinct failure was shrunk to a minimal reproducer. Replay one with the command shown; the file names its injected bugs.</p>\n"
        html += "<table>\n<thead><tr><th>Failure</th><th>Steps</th><th>Shrinking</th><th>Seen</th><th>Reproducer and replay</th></tr></thead>\n<tbody>\n"
        let records = summary.failures.sorted { ($0.signature, $0.index) < ($1.signature, $1.index) }
        for record in records {
            let link = context.reportDirectory.map { RelativePath.from(directory: $0, to: record.path) } ?? record.path
            let lines = record.message.split(separator: "\n", omittingEmptySubsequences: false)
            let headline = lines.first.map(String.init) ?? ""
            let shrinking = "\(HTMLText.integer(record.shrinkEvaluations)) runs, \(HTMLText.duration(record.shrinkSeconds))"
                + (record.shrinkBudgetExhausted ? " (budget hit)" : "")
            html += "<tr><td><div class=\"sig\">\(HTMLText.escape(record.signature.description))</div>"
            html += "<div>\(HTMLText.escape(headline))</div>"
            if lines.count > 1 {
                html += "<details><summary>details</summary><pre>\(HTMLText.escape(record.message))</pre></details>"
            }
            html += "<div class=\"note\">sequence \(record.index) of seed \(HTMLText.escape(record.seed))</div></td>"
            html += "<td class=\"num\">\(record.originalSteps) → \(record.shrunkSteps)</td>"
            html += "<td class=\"num\">\(shrinking)</td>"
            html += "<td class=\"num\">\(1 + record.duplicates)×</td>"
            html += "<td><a href=\"\(HTMLText.escape(percentEncoded(link)))\">\(HTMLText.escape(record.reproducerID))</a>"
            html += "<pre>k8sfv replay \(HTMLText.escape(shellQuoted(record.path)))</pre></td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Encodes what a URL path cannot hold as is (spaces, `#`, `?`, `%`).
    static func percentEncoded(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?%")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// Quotes a path for a POSIX shell when it holds anything but safe characters.
    static func shellQuoted(_ text: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=+@,")
        if !text.isEmpty, text.unicodeScalars.allSatisfy({ safe.contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: - Charts

    static func figure(_ svg: String, caption: String, detail: String) -> String {
        ReportPage.figure(svg, caption: caption, detail: detail)
    }

    /// Steps per second between consecutive samples. Samples from merged workers interleave, so
    /// only forward moves (time and steps both growing) make a point.
    static func throughputPoints(_ samples: [ThroughputSample]) -> [ChartPoint] {
        var points: [ChartPoint] = []
        var previous = ThroughputSample(elapsed: 0, steps: 0)
        for sample in samples {
            let dt = sample.elapsed - previous.elapsed
            let ds = sample.steps - previous.steps
            if dt > 0.05, ds >= 0 {
                points.append(ChartPoint(x: sample.elapsed, y: Double(ds) / dt))
                previous = sample
            }
        }
        return points
    }

    static func throughputChart(_ summary: CampaignSummary) -> String {
        SVGChart.line(
            [ChartSeries(name: "steps/s", points: throughputPoints(summary.statistics.throughput))],
            title: "Steps per second over time", xLabel: "elapsed (s)", yLabel: "steps / s")
    }

    /// Names in a fixed order: the known ones first, in their order, then any others sorted.
    static func ordered(_ known: [String], _ counts: [String: Int]) -> [String] {
        known + counts.keys.filter { !known.contains($0) }.sorted()
    }

    static func stepKindChart(_ summary: CampaignSummary, coverage: GenerationStats?) -> String {
        let counts = summary.statistics.stepKinds
        let names = ordered(StepKind.allCases.map(\.rawValue), counts)
        let bars = names.map { ChartBar(label: $0, value: Double(counts[$0] ?? 0)) }
        return SVGChart.horizontalBars(bars, title: "Steps run by kind", markZeros: true, color: SVGChart.palette[0])
    }

    static func categoryChart(_ coverage: GenerationStats, category: String, title: String) -> String {
        let bars = coverage.rows.filter { $0.category == category }.map { ChartBar(label: $0.name, value: Double($0.count)) }
        return SVGChart.horizontalBars(bars, title: title, markZeros: true, color: SVGChart.palette[2])
    }

    static func messagesChart(_ summary: CampaignSummary) -> String {
        let stats = summary.statistics
        let names = ordered(["initial-sync"] + StepKind.allCases.map(\.rawValue) + ["teardown"], stats.messagesByStepKind)
            .filter { (stats.messagesByStepKind[$0] ?? 0) > 0 || (stats.stepKinds[$0] ?? 0) > 0 }
        let bars = names.map { name -> ChartBar in
            let total = stats.messagesByStepKind[name] ?? 0
            let per: Int? = name == "initial-sync" || name == "teardown" ? stats.sequences : stats.stepKinds[name]
            let mean = per.flatMap { $0 > 0 ? Double(total) / Double($0) : nil }
            let note = HTMLText.compact(Double(total)) + (mean.map { " (" + HTMLText.decimal($0, 1) + " each)" } ?? "")
            return ChartBar(label: name, value: Double(total), note: note)
        }
        return SVGChart.horizontalBars(bars, title: "Messages per step kind", color: SVGChart.palette[1])
    }

    static func messageKindsSection(_ summary: CampaignSummary) -> String {
        let counts = summary.statistics.messageKinds
        let bars = counts.keys.sorted().map { ChartBar(label: $0, value: Double(counts[$0] ?? 0)) }
        return "<h2>Messages by kind</h2>\n<div class=\"charts\">\n"
            + figure(SVGChart.horizontalBars(bars, title: "Felix messages by kind", color: SVGChart.palette[4]),
                     caption: "Felix messages by kind", detail: "Every message the target emitted, initial sync and teardown included.")
            + "</div>\n"
    }

    // MARK: - Footer

    static func footer(_ summary: CampaignSummary, context: ReportContext) -> String {
        var again = context.command ?? "k8sfv fuzz --seed \(summary.seed)"
            + (context.scale.map { $0 == "small" ? "" : " --scale \($0)" } ?? "")
            + context.injections.map { " --inject \($0)" }.joined()
        if context.command == nil, summary.interrupted { again += "   # resumes at sequence \(summary.nextIndex)" }
        return """
            <footer>
            <div>Run it again: <code>\(HTMLText.escape(again))</code></div>
            <div>Produced by k8sfv from the campaign summary; self-contained (inline styles and SVG, no scripts).</div>
            </footer>

            """
    }
}
