import CalcGraph
import Campaign
import Driver
import Foundation
import Gen
import Live
import Reports

/// Runs the sections `bench` was asked for, printing each table as it finishes.
struct BenchRunner {
    var options: BenchOptions
    var io: CommandIO

    func run() -> BenchResults {
        var results = BenchResults(build: BenchResults.buildMode, cores: ProcessInfo.processInfo.activeProcessorCount)
        say("k8sfv bench: \(results.build) build, \(results.cores) cores" + (results.build == "debug" ? " (build with -c release for real figures)" : ""))
        for section in options.sections {
            switch section {
            case .workloads:
                progress("workloads: scale \(options.scale.rawValue), \(options.steps) steps each…")
                let list = Workloads.names.compactMap {
                    BenchWorkloads.run(name: $0, scale: options.scale, steps: options.steps, oracleSteps: options.oracleSteps)
                }
                results.workloads = list
                results.workloadSpeedUpGeometricMean = BenchMath.geometricMean(list.map(\.speedUp))
                printSection("workloads (model vs oracle, scale \(options.scale.rawValue))", BenchWorkloads.text(list))
            case .relabel:
                var list: [RelabelBenchResult] = []
                let executable = options.inProcess ? nil : BenchChildProcess.k8sfvExecutable
                for pods in options.pods {
                    progress("relabel: \(pods) pods…")
                    if let executable, let result = BenchChildProcess.relabel(executable: executable, pods: pods, relabels: options.relabels) {
                        list.append(result)
                    } else {
                        list.append(BenchRelabel.run(pods: pods, relabels: options.relabels))
                    }
                }
                results.relabel = list
                printSection("relabel scaling (remote pod, 10 policies of 1–10 rules)", BenchRelabel.text(list))
            case .fuzz:
                progress("fuzz: \(HTMLText.decimal(options.fuzzSeconds, 1)) s…")
                let result = BenchFuzz.run(seed: options.seed, seconds: options.fuzzSeconds, sequences: nil)
                results.fuzz = result
                printSection("fuzz throughput", BenchFuzz.text(result))
            case .gen:
                progress("gen…")
                do {
                    let result = try GenBenchmark.run(seed: options.seed, sequences: options.sequences, seedSteps: options.seedSteps)
                    results.gen = result
                    printSection("generation", result.summary)
                } catch {
                    results.failedSections.append("gen: \(error)")
                    printSection("generation", "FAILED: \(error)")
                }
            case .shrinkChallenge:
                progress("shrink-challenge: \(options.challengeSeeds) seeds per problem…")
                let rows = BenchShrinkChallenge.run(seeds: options.challengeSeeds)
                results.shrinkChallenge = rows
                printSection("shrinking challenge (\(options.challengeSeeds) seeds per problem)", BenchShrinkChallenge.text(rows))
            case .instructions:
                do {
                    let result = try BenchInstructions.run(seed: options.seed, sequences: options.iterations, progress: progress)
                    results.instructions = result
                    printSection("instructions (callgrind)", BenchInstructions.text(result))
                } catch {
                    results.instructionsNote = "not run: \(error)"
                    results.failedSections.append("instructions: \(error)")
                    printSection("instructions (callgrind)", "not run: \(error)")
                }
            case .shrinkInjections:
                var rows: [InjectionShrinkBench.Row] = []
                // Only the bugs a Kubernetes-only scenario can reach: the Calico ones (`needsCalicoResources`)
                // are found by the Calico sequences and walks (issue 16), not by a campaign of these scenarios.
                for bug in InjectedBug.kubernetesReachable where options.bugs.isEmpty || options.bugs.contains(bug.rawValue) {
                    progress("shrink-injections: \(bug.rawValue)…")
                    do {
                        let io = self.io
                        rows.append(try InjectionShrinkBench.row(bug: bug, seed: options.seed, progress: { io.error("  " + $0) }))
                    } catch {
                        progress("shrink-injections: \(bug.rawValue) failed: \(error)")
                        results.failedSections.append("shrink-injections \(bug.rawValue): \(error)")
                    }
                }
                results.shrinkInjections = rows
                printSection(
                    "shrinking the injected bugs (seed \(options.seed), first failure in 300 sequences, default budget)",
                    InjectionShrinkBench.text(rows))
            case .shrinkLive:
                let rows = BenchShrinkLive.run(options: options, io: io, results: &results)
                results.shrinkLive = rows
                printSection(
                    "shrinking the injected bugs live (stand-in + felix-sim, seed \(options.seed)) beside the model",
                    LiveShrinkBench.text(rows, budget: options.liveShrinkBudget))
            case .live:
                progress("live: stand-in + felix-sim…")
                setenv("no_proxy", "127.0.0.1,localhost", 1)
                do {
                    let metricsURL = options.felixMetrics.flatMap(URL.init(string:))
                    let before = try metricsURL.map { try MetricsScraper.scrape($0) }
                    let result = try LiveBenchmark.run(
                        k8sfv: LiveSession.currentExecutable(), sequences: min(20, options.sequences), seed: options.seed,
                        workloadSteps: min(20, options.steps))
                    let l = result.latencies
                    let note = "\(result.scenarios) scenarios, \(result.steps) steps in \(String(format: "%.1f", result.seconds)) s; "
                        + "per checkpoint: \(l.summary)"
                        + (result.failures.isEmpty ? "" : "; FAILED: " + result.failures.joined(separator: "; "))
                        + (result.calcGraph.map { "\nfelix-sim's calc graph (scraped from its felix_calc_graph_* metrics): \($0.summary)" } ?? "")
                    var text = note
                    if let metricsURL, let before {
                        text += "\nFelix's calc graph over the run (\(metricsURL.absoluteString)): "
                            + (try MetricsScraper.scrape(metricsURL)).since(before).summary
                    }
                    results.live = text
                    if !result.failures.isEmpty { results.failedSections.append("live: \(result.failures.count) failure(s)") }
                    printSection("live convergence latency (stand-in + felix-sim)", text)
                } catch {
                    let note = "not run: \(error)"
                    results.failedSections.append("live: \(error)")
                    results.live = note
                    printSection("live convergence latency", note)
                }
            }
        }
        return results
    }

    static func exitCode(_ results: BenchResults) -> Int32 {
        let wrong = !results.failedSections.isEmpty
            || (results.workloads ?? []).contains { !$0.converged || $0.streamViolation != nil }
            || (results.fuzz?.failures ?? 0) > 0
            || (results.shrinkChallenge ?? []).contains { $0.notFailing > 0 }
            || (results.shrinkInjections ?? []).contains { !$0.atMinimum || $0.replays != true }
            || (results.shrinkLive ?? []).contains { !$0.atModelMinimum || $0.failsOnModel != true }
        return wrong ? ExitCode.propertyFailed : ExitCode.ok
    }

    private func say(_ line: String) {
        if !options.json { io.print(line) }
    }

    private func progress(_ line: String) {
        io.error("bench " + line)
    }

    private func printSection(_ title: String, _ body: String) {
        guard !options.json else { return }
        io.print("")
        io.print("== \(title)")
        io.print(body)
    }
}
