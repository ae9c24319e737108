import Campaign
import Driver
import Foundation
import Live

/// The end-of-campaign summary, written for someone running k8sfv for the first time.
enum SummaryText {
    /// `live`: the `--target live` options, repeated in every command the summary prints.
    static func render(_ summary: CampaignSummary, options: FuzzOptions, stateFile: String? = nil, live: LiveCampaignOptions? = nil) -> String {
        let targetFlags = live?.commandLineFlags ?? (options.target.kind == .live ? " --target live" : "")
        let stats = summary.statistics
        let rate = summary.elapsed > 0 ? Double(stats.steps) / summary.elapsed : 0
        var lines: [String] = []
        let how = summary.interrupted ? "interrupted" : "finished"
        lines.append("k8sfv fuzz \(how) after \(String(format: "%.1f", summary.elapsed))s (seed \(summary.seed))")
        lines.append(
            "  ran        \(Plural.count(stats.sequences, "sequence")), \(Plural.count(stats.steps, "step")) (\(Int(rate)) steps/s)")
        lines.append("  checked    convergence, stream-integrity, silence, no-leaks, cost-bounds after every step")
        if summary.failures.isEmpty {
            lines.append("  result     no property failed")
        } else {
            let total = summary.failures.reduce(0) { $0 + 1 + $1.duplicates }
            lines.append(
                "  result     \(Plural.count(total, "failing sequence")), "
                    + "\(Plural.count(summary.failures.count, "distinct failure")):")
            for record in summary.failures {
                lines.append("    \(record.signature)  \(record.path)")
                lines.append(
                    "      \(Plural.count(record.originalSteps, "step")) shrunk to \(record.shrunkSteps)"
                        + (record.duplicates > 0 ? "; seen \(Plural.times(record.duplicates)) more" : ""))
                lines.append("      replay: k8sfv replay \(record.path)\(targetFlags)\(injectFlags(options))")
            }
        }
        var rerun = "k8sfv fuzz --seed \(summary.seed)"
        if let n = options.iterations { rerun += " --iterations \(n)" }
        if let t = options.time { rerun += " --time \(Int(t))s" }
        if options.scale.rawValue != "small" { rerun += " --scale \(options.scale.rawValue)" }
        rerun += targetFlags + injectFlags(options)
        if let layout = summary.layout {
            rerun += " --workers \(layout.workers)"
            if layout.shards > 1 { rerun += " --shard \(layout.shard)/\(layout.shards)" }
        } else if options.shards > 1 {
            rerun += " --shard \(options.shard)/\(options.shards) --in-process"
        }
        lines.append("  again      \(rerun)")
        if let environment = summary.environmentError {
            lines.append("  stopped    environment error (exit \(LiveEnvironment.exitCode)), not a Felix bug, nothing saved: \(environment)")
        }
        if let stateFile {
            if summary.interrupted {
                lines.append("  resume     every reproducer found so far is on disk; continue with: k8sfv fuzz --resume \(stateFile)")
            } else {
                // --time is the total over all sessions: the hint gives one that runs further.
                let total = Int(summary.elapsed.rounded(.up)) + 600
                lines.append("  state      \(stateFile) (k8sfv fuzz --resume \(stateFile) --time \(total)s runs it 10 minutes further; --time is the total over all sessions)")
            }
        } else if summary.interrupted {
            lines.append("  stopped    every reproducer found so far is on disk; the next sequence was \(summary.nextIndex)")
        }
        return lines.joined(separator: "\n")
    }

    /// A duration as the command line takes it, e.g. `90s` or `0.5s`.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))s" : "\(value)s"
    }

    static func injectFlags(_ options: FuzzOptions) -> String {
        options.target.injectionNames.map { " --inject \($0)" }.joined()
    }
}
