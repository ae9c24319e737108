import Campaign
import Driver
import Foundation
import Reports

// BenchReport: `bench --report FILE.html`. Takes the bench results; gives one self-contained page
// (the same frame and chart code as the campaign report) with a chart and a table per section
// and the goals checked in the verdict band. Deterministic for the same results.

enum BenchReport {
    struct Goal {
        var name: String
        var met: Bool?
        /// The measured figure, short (a card's value).
        var detail: String
    }

    static func goals(_ r: BenchResults) -> [Goal] {
        var goals: [Goal] = []
        if let geo = r.workloadSpeedUpGeometricMean {
            goals.append(Goal(name: "model vs oracle per step (goal ≥ 20×)", met: geo >= 20,
                              detail: "\(HTMLText.decimal(geo, 1))×"))
        }
        if let list = r.relabel?.sorted(by: { $0.pods < $1.pods }), let small = list.first, let large = list.last,
           large.pods >= small.pods * 100, small.relabel.median > 0 {
            let growth = large.relabel.median / small.relabel.median
            goals.append(Goal(name: "relabel growth over \(HTMLText.integer(large.pods / small.pods))× pods (goal ≤ 2×)", met: growth <= 2,
                              detail: "\(HTMLText.decimal(growth, 2))×"))
        }
        if let big = r.relabel?.last(where: { $0.pods >= 100_000 }), let peak = big.memory?.peakMiB {
            goals.append(Goal(name: "peak memory at \(HTMLText.integer(big.pods)) pods (goal < 1 GiB)", met: peak < 1024, detail: "\(HTMLText.decimal(peak, 0)) MiB"))
        }
        return goals
    }

    static func render(_ r: BenchResults, options: BenchOptions) -> String {
        let checks = goals(r)
        let wrong = BenchRunner.exitCode(r) != 0
        let missed = checks.filter { $0.met == false }
        let verdict: ReportVerdict = wrong ? .fail : missed.isEmpty ? .pass : .interrupted
        let badge = wrong ? "CHECK FAILED" : missed.isEmpty ? "GOALS MET" : "GOAL MISSED"
        let sentence = wrong
            ? "A correctness check failed during the benchmark; see the sections below."
            : missed.isEmpty
                ? (checks.isEmpty ? "No goal was measured in this run." : "Every measured goal was met.")
                : "Not met: " + missed.map(\.name).joined(separator: "; ") + "."
        var body = ReportPage.cards([
            ("Build", r.build, r.build == "release" ? "small" : "bad"), ("Cores", String(r.cores), "small"),
        ] + checks.map { ($0.name, $0.detail, $0.met == true ? "good" : "bad") })
        if let list = r.workloads { body += workloads(list) }
        if let list = r.relabel { body += relabel(list) }
        if let fuzz = r.fuzz { body += self.fuzz(fuzz) }
        if let gen = r.gen {
            body += "<h2>Generation</h2>\n<p class=\"note\">\(HTMLText.escape(gen.summary))</p>\n"
        }
        if let rows = r.shrinkChallenge { body += challenge(rows) }
        if let live = r.live { body += "<h2>Live convergence latency</h2>\n<p class=\"note\">\(HTMLText.escape(live))</p>\n" }
        body += "<footer><div>Produced by <code>k8sfv bench</code> (\(HTMLText.escape(r.build)) build). Commands and machine: docs/benchmarks.md.</div></footer>\n"
        return ReportPage.document(title: "k8sfv benchmarks", verdict: verdict, badge: badge, sentence: sentence, body: body)
    }

    static func workloads(_ list: [WorkloadBenchResult]) -> String {
        var html = "<h2>Seed workloads: model against oracle</h2>\n<div class=\"charts\">\n"
        html += ReportPage.figure(
            SVGChart.horizontalBars(list.map { ChartBar(label: $0.workload, value: $0.speedUp, note: HTMLText.decimal($0.speedUp, 0) + "×") },
                                    title: "Speed-up per workload"),
            caption: "Oracle time per step ÷ model time per step", detail: "Goal: at least 20× (geometric mean).")
        html += ReportPage.figure(
            SVGChart.horizontalBars(list.map { ChartBar(label: $0.workload, value: $0.model.median * 1e6, note: BenchFormat.micros($0.model.median)) },
                                    title: "Model median per step", color: SVGChart.palette[2]),
            caption: "Model: median time per step (µs)", detail: "Apply the step's writes, then flush.")
        html += "</div>\n"
        html += ReportPage.table(
            headers: ["workload", "scale", "steps", "model median", "model p99", "oracle mean", "speed-up", "converged", "messages per step"],
            rows: list.map { r in
                [r.workload, r.scale, String(r.steps), BenchFormat.micros(r.model.median), BenchFormat.micros(r.model.p99),
                 BenchFormat.micros(r.oracle.mean), HTMLText.decimal(r.speedUp, 0) + "×", r.converged ? "yes" : "NO",
                 r.messagesPerStep.isEmpty ? "none"
                    : r.messagesPerStep.keys.sorted().map { "\($0) \(HTMLText.decimal(r.messagesPerStep[$0] ?? 0, 2))" }.joined(separator: ", ")]
            }, numeric: [2, 3, 4, 5, 6])
        html += "<p class=\"note\">Expected cost per step kind in the seed design (projectcalico/calico:felix/k8sfv/README.md):</p>\n<ul class=\"note\">\n"
        for r in list {
            html += "<li><b>\(HTMLText.escape(r.workload))</b>: \(HTMLText.escape(r.expectedCost))</li>\n"
        }
        return html + "</ul>\n"
    }

    static func relabel(_ list: [RelabelBenchResult]) -> String {
        var html = "<h2>Remote relabel scaling</h2>\n<div class=\"charts\">\n"
        html += ReportPage.figure(
            SVGChart.horizontalBars(list.map { ChartBar(label: HTMLText.integer($0.pods) + " pods", value: $0.relabel.median * 1e6, note: BenchFormat.micros($0.relabel.median)) },
                                    title: "Relabel median by cluster size"),
            caption: "Median time of one remote relabel (µs)", detail: "Goal: at most 2× growth while pods grow 100×.")
        html += ReportPage.figure(
            SVGChart.horizontalBars(list.map { ChartBar(label: HTMLText.integer($0.pods) + " pods", value: $0.memory?.peakMiB ?? 0, note: BenchFormat.mib($0.memory?.peakMiB)) },
                                    title: "Peak memory by cluster size", color: SVGChart.palette[1]),
            caption: "Peak resident memory (MiB)", detail: "Goal: under 1 GiB at 100,000 pods.")
        html += "</div>\n"
        html += ReportPage.table(
            headers: ["pods", "hosts", "namespaces", "build", "IP-set members", "relabels", "median", "p99", "msgs/relabel", "peak RSS", "own process"],
            rows: list.map { r in
                [HTMLText.integer(r.pods), String(r.hosts), String(r.namespaces), HTMLText.duration(r.buildSeconds),
                 HTMLText.integer(r.ipSetMembers), String(r.relabels), BenchFormat.micros(r.relabel.median),
                 BenchFormat.micros(r.relabel.p99), HTMLText.decimal(r.messagesPerRelabel, 1), BenchFormat.mib(r.memory?.peakMiB),
                 r.ownProcess ? "yes" : "no"]
            }, numeric: Set(0...9))
        return html
    }

    static func fuzz(_ r: FuzzBenchResult) -> String {
        var points: [ChartPoint] = []
        var previous = ThroughputSample(elapsed: 0, steps: 0)
        for sample in r.throughput where sample.elapsed - previous.elapsed > 0.05 && sample.steps >= previous.steps {
            points.append(ChartPoint(x: sample.elapsed, y: Double(sample.steps - previous.steps) / (sample.elapsed - previous.elapsed)))
            previous = sample
        }
        return "<h2>Fuzz throughput</h2>\n<p class=\"note\">\(HTMLText.escape(BenchFuzz.text(r)))</p>\n<div class=\"charts\">\n"
            + ReportPage.figure(
                SVGChart.line([ChartSeries(name: "steps/s", points: points)], title: "Fuzz steps per second",
                              xLabel: "elapsed (s)", yLabel: "steps / s"),
                caption: "Steps per second, one core", detail: "Small scale, every property after every step, no shrinking.")
            + "</div>\n"
    }

    static func challenge(_ rows: [ChallengeBenchRow]) -> String {
        var html = "<h2>Shrinking challenge</h2>\n<div class=\"charts\">\n"
        html += ReportPage.figure(
            SVGChart.horizontalBars(rows.map { r in
                let share = r.found == 0 ? 0 : Double(r.reachedBestKnown) * 100 / Double(r.found)
                return ChartBar(label: r.problem, value: share, note: HTMLText.decimal(share, 0) + "%")
            }, title: "Share reaching the best-known minimum", color: SVGChart.palette[2]),
            caption: "Runs reaching the best-known minimum (%)", detail: "Higher is better; 100% is full normalisation.")
        html += "</div>\n"
        html += ReportPage.table(
            headers: ["problem", "best known", "found", "reached best", "distinct", "mean evals", "top result", "Hypothesis (published)", "source"],
            rows: rows.map { r in
                [r.problem, r.bestKnown, "\(r.found)/\(r.seeds)", "\(r.reachedBestKnown)", String(r.distinctResults),
                 HTMLText.decimal(r.meanEvaluations, 1), r.topResult, r.hypothesis, r.hypothesisSource]
            }, numeric: [2, 3, 4, 5])
        return html
    }
}
