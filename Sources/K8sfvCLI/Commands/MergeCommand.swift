import Calico
import Driver
import Foundation

/// `k8sfv merge DIR... --out DIR`: one corpus and one summary from the shards of a campaign.
enum MergeCommand: K8sfvCommand {
    static let name = "merge"
    static let summary = "Merge shard outputs into one corpus and summary"
    static let help = """
        Usage: k8sfv merge DIR... --out DIR [OPTIONS]

        Combines the output directories of a sharded campaign ('k8sfv fuzz --shard I/N --out
        DIR' on each machine or pod) into one. Reproducers are de-duplicated by failure
        signature: of several files with the same signature, the one with the fewest steps
        (then the smallest id) is kept. Each shard's statistics and hit counts (from its
        .k8sfv-campaign.json) are added up into OUT/.k8sfv-summary.json.

        Options:
          --out DIR             where the merged corpus and summary go (required; created)
          --json                print the merged summary as JSON instead of text
          --report FILE.html    also write the merged campaign's HTML report (default: none)

        Exit status: 0 merged, no failures; 1 merged, with failures; 2 bad directory or file.
        """

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        guard let out = try arguments.option("--out") else {
            throw UsageError("option --out is required: the directory the merged corpus goes to")
        }
        let json = arguments.flag("--json")
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
        let summary: MergedSummary
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            summary = try CampaignMerge.merge(directories, into: output)
        } catch let error as ReproducerError {
            throw InputError(error.message)
        }
        if let report {
            let html = CampaignReport.render(
                summary: summary.campaignSummary, generation: nil,
                title: "k8sfv merge of \(summary.shards.count) shards")
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
            lines.append("  \(shard.directory): \(which), \(shard.sequences) sequences, \(shard.reproducers) reproducer files")
        }
        let stats = summary.statistics
        lines.append("  ran        \(stats.sequences) sequences, \(stats.steps) steps in all")
        if summary.failures.isEmpty {
            lines.append("  result     no property failed")
        } else {
            lines.append("  result     \(summary.failures.count) distinct failures:")
            for record in summary.failures {
                lines.append("    \(record.signature)  \(record.path) (\(record.shrunkSteps) steps"
                    + (record.duplicates > 0 ? "; seen \(record.duplicates) more times" : "") + ")")
            }
        }
        if !summary.droppedDuplicates.isEmpty {
            lines.append("  dropped    \(summary.droppedDuplicates.count) larger duplicates (not copied)")
        }
        lines.append("  summary    \(output.appendingPathComponent(MergedSummary.fileName).path)")
        return lines.joined(separator: "\n")
    }
}
