import Calico
import Campaign
import Driver
import Foundation
import Reports

/// `k8sfv merge DIR... --out DIR`: one corpus and one summary from the shards of a campaign.
enum MergeCommand: K8sfvCommand {
    static let name = "merge"
    static let summary = "Merge shard outputs into one corpus and summary"
    static let about = """
        Usage: k8sfv merge DIR... --out DIR [OPTIONS]

        Combines the output directories of a sharded campaign ('k8sfv fuzz --shard I/N --out
        DIR' on each machine or pod) into one. Reproducers are de-duplicated by failure
        signature: of several files with the same signature, the one with the fewest steps
        (then the smallest id) is kept. Each shard's statistics and hit counts (from its
        .k8sfv-campaign.json) are added up into OUT/.k8sfv-summary.json.
        """

    static let options: [OptionDeclaration] = [
        .text(
            "--out", "DIR",
            "where the merged corpus and summary go (required; created, and never one of the inputs or inside one)"),
        .flag("--json", "print the merged summary as JSON instead of text"),
        .text("--report", "FILE.html", "also write the merged campaign's HTML report (default: none)"),
    ]

    static let notes = """
        Refused (exit 2, nothing written): the same directory or shard given twice, shards
        of campaigns with different seeds, injections, scales or targets, an --out inside an
        input. Warned on stderr: missing shards, shards stopped early, a directory without
        its state file.

        Exit status: 0 merged, no failures; 1 merged, with failures; 2 bad directory or file.
        """

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        guard let out = try arguments.option("--out") else {
            throw UsageError("option --out is required: the directory the merged corpus goes to")
        }
        let json = try arguments.flag("--json")
        let report = try arguments.option("--report").map { URL(fileURLWithPath: $0) }
        var directories: [URL] = []
        while let path = arguments.positional() { directories.append(URL(fileURLWithPath: path)) }
        try arguments.finish()
        guard !directories.isEmpty else { throw UsageError("give at least one shard output directory to merge") }
        for directory in directories {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InputError("\(directory.path): no such directory")
            }
        }
        let output = URL(fileURLWithPath: out)
        do {
            try report.map { try InputFile.checkWritable($0.path, option: "--report") }
            try InputFile.checkDirectory(output.path, option: "--out")
        } catch let error as InputFile.Problem {
            throw InputError(error.message)
        }
        let summary: MergedSummary
        do {
            summary = try CampaignMerge.merge(directories, into: output)
        } catch let error as ReproducerError {
            throw InputError(error.message)
        }
        for warning in summary.warnings ?? [] { io.error("k8sfv merge: warning: \(warning)") }
        if let report {
            let html = CampaignReport.render(
                summary: summary.campaignSummary, generation: nil,
                title: "k8sfv merge of \(summary.shards.count) shards",
                context: ReportContext(injections: summary.injections ?? [], reportDirectory: report.deletingLastPathComponent().path))
            do {
                try Data(html.utf8).write(to: report)
            } catch {
                throw InputError("option --report: cannot write \(report.path): \(error.localizedDescription)")
            }
        }
        if json {
            io.print(try KubeJSON.encodeString(summary, pretty: true))
        } else {
            io.print(render(summary, output: output))
        }
        return summary.failures.isEmpty ? ExitCode.ok : ExitCode.propertyFailed
    }

    static func render(_ summary: MergedSummary, output: URL) -> String {
        var lines = ["k8sfv merge: \(summary.shards.count) shard directories into \(output.path)/"]
        for shard in summary.shards {
            let which = shard.shard.map { "shard \($0)/\(shard.shards ?? 1)" } ?? "no state file"
            lines.append("  \(shard.directory): \(which), \(Plural.count(shard.sequences, "sequence")), \(Plural.count(shard.reproducers, "reproducer file"))")
        }
        let stats = summary.statistics
        lines.append("  ran        \(Plural.count(stats.sequences, "sequence")), \(Plural.count(stats.steps, "step")) in all")
        if summary.failures.isEmpty {
            lines.append("  result     no property failed")
        } else {
            lines.append("  result     \(Plural.count(summary.failures.count, "distinct failure")):")
            for record in summary.failures {
                lines.append("    \(record.signature)  \(record.path) (\(Plural.count(record.shrunkSteps, "step"))"
                    + (record.duplicates > 0 ? "; seen \(Plural.times(record.duplicates)) more" : "") + ")")
            }
        }
        if !summary.droppedDuplicates.isEmpty {
            lines.append("  dropped    \(summary.droppedDuplicates.count) larger duplicates (not copied)")
        }
        lines.append("  summary    \(output.appendingPathComponent(MergedSummary.fileName).path)")
        return lines.joined(separator: "\n")
    }
}
