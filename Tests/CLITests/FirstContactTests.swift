@testable import Campaign
@testable import Driver
import Foundation
import Testing
@testable import K8sfvCLI

/// Issue 12, "the two commands" and the options a first user meets: each test is one item.
@Suite struct FirstContactTests {
    typealias H = HostileInput

    /// Item 1: the default campaign writes into its own ignored folder, never seeds/ (which
    /// the tests replay), and the folder is in .gitignore.
    @Test func defaultCampaignOutputIsItsOwnIgnoredFolder() throws {
        var arguments = try Arguments(["--iterations", "1"], for: FuzzCommand.self)
        let options = try FuzzOptions.parse(&arguments)
        #expect(options.outputDirectory.lastPathComponent == "k8sfv-out")
        #expect(options.stateURL.path.hasSuffix("k8sfv-out/.k8sfv-campaign.json"))
        let root = H.seeds.deletingLastPathComponent()
        let ignore = try String(contentsOf: root.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignore.split(separator: "\n").contains("/k8sfv-out/"))
        #expect(FuzzCommand.help.contains("default: k8sfv-out"))
        #expect(ReproducerCommandTests.sample.hasSuffix("seeds/0ccc8c3142da.json"), "the CLI tests name their sample")
    }

    /// Item 2: --time is the total over all sessions; a total already spent is refused with
    /// the figure to give, and the summary's hint prints a total that runs further.
    @Test func resumeTimeIsATotalAndTheHintAgrees() throws {
        let directory = try H.scratch("resume-time")
        defer { try? FileManager.default.removeItem(at: directory) }
        let stateURL = directory.appendingPathComponent("state.json")
        try H.state(in: directory, elapsed: 100).save(to: stateURL)
        let refused = H.run(["fuzz", "--resume", stateURL.path, "--time", "50s"])
        #expect(refused.code == 2)
        #expect(refused.err.contains("total over all sessions"))
        #expect(refused.err.contains("already run 100s"))
        let summary = CampaignSummary(
            seed: "7", statistics: CampaignStatistics(), failures: [], elapsed: 100, interrupted: false, nextIndex: 0, stride: 1)
        var arguments = try Arguments(["--iterations", "1", "--out", directory.path], for: FuzzCommand.self)
        let text = SummaryText.render(summary, options: try FuzzOptions.parse(&arguments), stateFile: stateURL.path)
        #expect(text.contains("--resume \(stateURL.path) --time 700s runs it 10 minutes further"))
    }

    /// Item 5: --version, and the live-only options named as such when given without it.
    @Test func versionAndLiveOnlyOptions() {
        let version = H.run(["--version"])
        #expect(version.code == 0)
        #expect(version.out.hasPrefix("k8sfv \(K8sfvMain.version) (generator version"))
        #expect(H.run(["help", "fuzz"]).out.contains("Live target options (only with --target live"))
        #expect(H.run(["help", "replay"]).out.contains("Live target options (only with --target live"))
        for option in ["--deadline", "--settle", "--state-dir"] {
            let result = H.run(["fuzz", "--iterations", "1", option, "5s"])
            #expect(result.code == 2)
            #expect(result.err.contains("option \(option) applies only with --target live"), "\(result.err)")
        }
    }

    /// Item 7 and 15: durations out of range are usage errors, never a trap or a silent 0.
    @Test(arguments: [
        (["--time", "99999999999999999999h"], "--time"), (["--time", "0"], "--time"), (["--time", "0s"], "--time"),
        (["--shrink-time", "1e400"], "--shrink-time"), (["--shrink-time", "inf"], "--shrink-time"),
        (["--sequence-timeout", "nan"], "--sequence-timeout"), (["--time", "87601h"], "--time"),
    ])
    func durationsOutOfRangeAreRefused(_ arguments: [String], option: String) {
        let result = H.run(["fuzz"] + arguments)
        #expect(result.code == 2)
        #expect(result.err.contains("option \(option) takes a duration"), "\(result.err)")
    }

    /// Item 12: output paths are checked before the campaign or the benchmark starts.
    @Test func outputPathsAreCheckedBeforeWork() throws {
        let directory = try H.scratch("outputs")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("regular")
        try Data("x".utf8).write(to: file)
        let report = H.run(["fuzz", "--iterations", "1", "--out", directory.path, "--report", "/nonexistent/d/x.html"])
        #expect(report.code == 2)
        #expect(report.err.contains("option --report /nonexistent/d/x.html: the directory /nonexistent/d does not exist"))
        #expect(!report.err.contains("seed"), "refused before the campaign's banner")
        let out = H.run(["fuzz", "--iterations", "1", "--out", file.path])
        #expect(out.code == 2)
        #expect(out.err.contains("option --out \(file.path): is a file, not a directory"))
        let bench = H.run(["bench", "gen", "--quick", "--report", "/nonexistent/d/b.html"])
        #expect(bench.code == 2)
        #expect(bench.err.contains("option --report /nonexistent/d/b.html"))
        #expect(!bench.out.contains("report:"))
        #expect(H.listing(directory) == ["regular"])
    }

    /// Item 18 (wording): counts agree with their nouns.
    @Test func countsReadAsEnglish() {
        #expect(Plural.count(1, "distinct failure") == "1 distinct failure")
        #expect(Plural.count(2, "step") == "2 steps")
        #expect(Plural.times(1) == "once")
        #expect(Plural.times(3) == "3 times")
    }
}
