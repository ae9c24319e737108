import Driver
import Foundation
import Gen

/// Runs one `fuzz` invocation: the campaign, its progress line, its events and its summary.
struct FuzzSession {
    var options: FuzzOptions
    var io: CommandIO

    func run() -> Int32 {
        let flag = StopFlag()
        let trap = SignalTrap(stopping: flag)
        defer { withExtendedLifetime(trap) {} }
        let configuration = options.configuration
        let progress = ProgressLine(io: io, timeLimit: options.time, sequenceLimit: options.iterations)
        if !options.json {
            io.error(
                "k8sfv fuzz: seed \(options.seed), target \(options.target.kind.rawValue)"
                    + (options.target.injections.isEmpty ? "" : " with \(options.target.injectionNames.joined(separator: ","))")
                    + ", scale \(options.scale.rawValue), "
                    + (options.iterations.map { "\($0) sequences" } ?? "for \(Int(options.time ?? 0))s")
                    + "; reproducers go to \(options.outputDirectory.path)/")
        }
        let campaign = Campaign(configuration: configuration, stopFlag: flag)
        var failures = 0
        let summary = campaign.run { event in
            if options.json { io.print(EventJSON.line(for: event)) }
            switch event {
            case .sequenceFinished(_, let steps, let failed):
                progress.sequenceDone(steps: steps, failed: failed)
            case .failureFound(let index, let failure):
                failures += 1
                if !options.json {
                    progress.clear()
                    io.error("found: sequence \(index) failed \(failure.signature) \(failure.location); shrinking…")
                }
            case .reproducerSaved(let record):
                if !options.json {
                    io.error(
                        "saved: \(record.path) (\(record.originalSteps) → \(record.shrunkSteps) steps, "
                            + "\(record.shrinkEvaluations) runs, \(String(format: "%.1f", record.shrinkSeconds))s)")
                }
            case .duplicateFailure:
                break
            }
        }
        progress.clear()
        if options.json {
            io.print(EventJSON.summaryLine(summary))
        } else {
            io.print(SummaryText.render(summary, options: options))
        }
        return summary.exitCode
    }
}
