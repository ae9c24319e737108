import Campaign
import Driver
import Foundation
import Gen
import Live
import Reports

/// Runs one `fuzz` invocation: the campaign (worker processes, or this process with
/// `--in-process`), its progress line, its events and its summary.
struct FuzzSession {
    var options: FuzzOptions
    var io: CommandIO
    /// `--target live`'s options, so the summary's commands repeat them.
    var live: LiveCampaignOptions? = nil

    func run() -> Int32 {
        let flag = StopFlag()
        let trap = SignalTrap(stopping: flag)
        defer { withExtendedLifetime(trap) {} }
        // The live target is one cluster and one Felix, installed in this process: no workers.
        let single = options.inProcess || options.target.kind == .live
        let executable = single ? nil : WorkerExecutable.locate()
        if !options.json {
            io.error(headline(parallel: executable != nil))
            if executable == nil && !single {
                io.error("note: the k8sfv binary was not found (set \(WorkerExecutable.variable)); running in this process, one worker, no crash isolation")
            }
        }
        let progress = ProgressLine(io: io, timeLimit: options.time, sequenceLimit: options.iterations)
        let handler = EventHandler(options: options, io: io, progress: progress)
        let summary: CampaignSummary
        if let executable {
            var configuration = options.configuration
            if options.resume == nil {
                do {
                    try FileManager.default.createDirectory(at: options.outputDirectory, withIntermediateDirectories: true)
                } catch {
                    io.error("k8sfv fuzz: cannot create the output directory \(options.outputDirectory.path): \(error.localizedDescription)")
                    return ExitCode.badInput
                }
            }
            configuration.firstIndex = 0
            let campaign = ParallelCampaign(
                configuration: configuration,
                options: ParallelCampaignOptions(
                    commands: WorkerExecutable.commandLine(executable: executable), layout: options.layout, sequenceTimeout: options.sequenceTimeout,
                    stateURL: options.stateURL, resume: options.resume),
                stopFlag: flag)
            summary = campaign.run(events: handler.handle).0
        } else {
            summary = Campaign(configuration: options.configuration, stopFlag: flag).run(events: handler.handle)
        }
        progress.clear()
        var reportFailed = false
        if let report = options.report {
            let context = ReportContext(
                target: options.target.kind.rawValue, injections: options.target.injectionNames,
                scale: options.scale.rawValue, command: (["k8sfv"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                reportDirectory: report.deletingLastPathComponent().path)
            let html = CampaignReport.render(
                summary: summary, generation: nil, title: "k8sfv fuzz, seed \(options.seed)", context: context)
            do {
                try Data(html.utf8).write(to: report)
                if !options.json { io.error("report: \(report.path)") }
            } catch {
                // Checked before the campaign, so this is rare (disk full, directory removed);
                // still a failure of the command, never a silent exit 0.
                io.error("k8sfv fuzz: cannot write the report \(report.path): \(error.localizedDescription)")
                reportFailed = true
            }
        }
        if options.json {
            io.print(EventJSON.summaryLine(summary, stateFile: executable == nil ? nil : options.stateURL.path))
        } else {
            io.print(SummaryText.render(summary, options: options, stateFile: executable == nil ? nil : options.stateURL.path, live: live))
        }
        if let environment = summary.environmentError {
            io.error("k8sfv fuzz: stopped by an environment error (exit \(LiveEnvironment.exitCode)), nothing saved for it: \(environment)")
        }
        return reportFailed ? max(summary.exitCode, ExitCode.badInput) : summary.exitCode
    }

    private func headline(parallel: Bool) -> String {
        var text = (options.resume != nil ? "k8sfv fuzz: resuming seed \(options.seed)" : "k8sfv fuzz: seed \(options.seed)")
        text += ", target \(options.target.kind.rawValue)"
        if !options.target.injections.isEmpty { text += " with \(options.target.injectionNames.joined(separator: ","))" }
        text += ", scale \(options.scale.rawValue), "
        text += options.iterations.map { Plural.count($0, "sequence") } ?? "for \(Int(options.time ?? 0))s"
        if parallel { text += ", \(options.workers) worker\(options.workers == 1 ? "" : "s")" }
        if options.shards > 1 { text += ", shard \(options.shard)/\(options.shards)" }
        return text + "; reproducers go to \(options.outputDirectory.path)/"
    }
}

/// Turns campaign events into progress, text lines or JSON lines.
final class EventHandler {
    let options: FuzzOptions
    let io: CommandIO
    let progress: ProgressLine
    private var reported: Set<FailureSignature> = []

    init(options: FuzzOptions, io: CommandIO, progress: ProgressLine) {
        self.options = options
        self.io = io
        self.progress = progress
    }

    func handle(_ event: CampaignEvent) {
        if options.json {
            io.print(EventJSON.line(for: event))
            return
        }
        switch event {
        case .sequenceFinished(_, let steps, let failed):
            progress.sequenceDone(steps: steps, failed: failed)
        case .failureFound(let index, let failure):
            // Repeats of a known signature only count; the summary says how many.
            guard reported.insert(failure.signature).inserted else { return }
            progress.clear()
            io.error("found: sequence \(index) failed \(failure.signature) \(failure.location); shrinking…")
        case .reproducerSaved(let record):
            progress.clear()
            io.error(
                "saved: \(record.path) (\(record.originalSteps) → \(record.shrunkSteps) steps, "
                    + "\(record.shrinkEvaluations) runs, \(String(format: "%.1f", record.shrinkSeconds))s)")
        case .duplicateFailure:
            break
        }
    }
}
