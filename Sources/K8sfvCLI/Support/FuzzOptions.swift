import CalcGraph
import Campaign
import Driver
import Foundation
import Gen
import Shrink

/// The options `fuzz` shares with the commands that start campaigns. With `--resume`, every
/// option that decides which sequences run must match the saved campaign (an option left out
/// takes the saved value); a difference is a usage error naming the option.
struct FuzzOptions {
    var seed: UInt64
    var seedWasGiven: Bool
    var iterations: Int?
    var time: Double?
    var scale: ClusterScale
    var target: TargetSpec
    var outputDirectory: URL
    var shrink: Bool
    var shrinkBudget: ShrinkBudget
    var json: Bool
    var workers: Int
    var shard: Int
    var shards: Int
    var sequenceTimeout: Double
    var stateURL: URL
    var resume: CampaignState?
    var resumePath: String?
    var inProcess: Bool
    /// `--report FILE.html`: the campaign's HTML report, written at the end.
    var report: URL?

    /// Where a campaign writes when `--out` is not given: its own ignored folder, never
    /// `seeds/`, which holds only the reproducers someone chose to commit (and which the
    /// test suite replays).
    static let defaultOutputDirectory = "k8sfv-out"

    static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Every option `fuzz` reads here (the live ones are `LiveCampaignOptions`'s). Options whose
    /// absence matters with `--resume` (the saved value is then kept) declare no default value;
    /// their help says what is used.
    static let declarations: [OptionDeclaration] = [
        .unsigned64("--seed", "campaign seed, decimal or 0x-hex (default: from the clock; printed)"),
        .integer("--iterations", in: 1...1_000_000_000, "stop after N sequences (per shard)"),
        .duration(
            "--time",
            "stop after DURATION, e.g. 90s, 5m, 2h (default: 60s when neither --iterations nor --time is given); "
                + "with --resume, the total over all sessions, so more than already run"),
        .choice(
            "--scale", ClusterScale.allCases.map(\.rawValue),
            "cluster size: small (a few hosts, namespaces, pods) or seed (50 hosts, 20 namespaces, 1,000 pods) "
                + "(default: small, or the resumed campaign's)"),
        .choice(
            "--target", TargetSpec.Kind.allCases.map(\.rawValue),
            "the target (default: model, or the resumed campaign's; live needs 'k8sfv live setup' and a running Felix, "
                + "see docs/live.md)"),
        .text("--inject", "NAME", "switch on an injected bug in the model (or NAME,NAME)", repeatable: true),
        .text(
            "--out", "DIR",
            "where reproducers and the state go (default: \(defaultOutputDirectory), an ignored folder; copy a reproducer "
                + "into seeds/ to commit it)"),
        .flag("--no-shrink", "save failures unshrunk"),
        .duration(
            "--shrink-time",
            "time budget for shrinking one failure (default: 60s on the model, 20m live; see docs/shrinking.md)"),
        .integer(
            "--shrink-evals", in: 1...10_000_000,
            "evaluation budget for shrinking one failure (default: 5000 on the model, 400 live; at most 200 for a "
                + "crash or timeout, each run being a process)"),
        .integer(
            "--workers", in: 1...1024,
            "worker processes (default: every core, here \(defaultWorkers); 1 with --in-process)"),
        .text(
            "--shard", "I/N",
            "run shard I of N (0 ≤ I < N) of the index space, for distributed campaigns (default: 0/1); "
                + "see 'k8sfv help merge'"),
        .duration(
            "--sequence-timeout",
            "a sequence running longer is killed and reported as a target-error/timeout failure", default: "60s"),
        .text(
            "--state", "FILE", "where the campaign state is saved, every 5s and at exit (default: OUT/.k8sfv-campaign.json)"),
        .text(
            "--resume", "FILE",
            "continue the campaign saved in FILE; options left out take the saved values, and seed, scale, target, "
                + "injections, workers, shard and out must match (default: a new campaign)"),
        .flag("--in-process", "run in this process: one worker, no crash isolation (default: worker processes)"),
        .flag("--json", "write one JSON event per line on stdout instead of the summary"),
        .text("--report", "FILE.html", "write the campaign's HTML report to FILE at the end (default: none)"),
    ]

    static func parse(_ arguments: inout Arguments) throws -> FuzzOptions {
        let resumePath = try arguments.option("--resume")
        let state = try resumePath.map { path -> CampaignState in
            guard FileManager.default.fileExists(atPath: path) else {
                throw InputError("option --resume: \(path): no such file (the state 'k8sfv fuzz' writes, by default <out>/.k8sfv-campaign.json)")
            }
            do {
                return try CampaignState.load(from: URL(fileURLWithPath: path))
            } catch let error as ReproducerError {
                throw InputError("option --resume: \(error.message)")
            }
        }
        let givenSeed = try arguments.uint64Option("--seed")
        var iterations = try arguments.intOption("--iterations")
        var time = try arguments.durationOption("--time")
        let givenScale = try arguments.option("--scale").flatMap(ClusterScale.init(rawValue:))
        let givenTarget = try arguments.option("--target").flatMap(TargetSpec.Kind.init(rawValue:))
        let injectNames = try arguments.options("--inject")
        let injections: Set<InjectedBug>
        do {
            injections = try TargetSpec.injections(named: state.map { injectNames.isEmpty ? $0.injections : injectNames } ?? injectNames)
        } catch let error as ConfigurationError {
            throw UsageError("option --inject: \(error.message)")
        }
        let givenOut = try arguments.option("--out")
        let shrink = !(try arguments.flag("--no-shrink"))
        let givenShrinkSeconds = try arguments.durationOption("--shrink-time")
        let givenShrinkEvals = try arguments.intOption("--shrink-evals")
        let givenWorkers = try arguments.intOption("--workers")
        let givenShard = try arguments.option("--shard").map { text -> (shard: Int, shards: Int) in
            switch IndexPartition.parseShard(text) {
            case .success(let value): return value
            case .failure(let error): throw UsageError("option --shard \(error.message)")
            }
        }
        let sequenceTimeout = try arguments.durationOption("--sequence-timeout") ?? 60
        let givenState = try arguments.option("--state")
        let inProcess = try arguments.flag("--in-process")
        let givenReport = try arguments.option("--report")
        let report = givenReport.map { URL(fileURLWithPath: $0) }
        let json = try arguments.flag("--json")

        if let state, let resumePath {
            func differ(_ option: String, saved: String, given: String) -> UsageError {
                UsageError(
                    "option \(option) \(given) differs from the campaign being resumed (\(resumePath) has \(option) \(saved)); "
                        + "leave \(option) out to keep the saved value, or start a new campaign")
            }
            if let givenSeed, String(givenSeed) != state.seed { throw differ("--seed", saved: state.seed, given: String(givenSeed)) }
            if let givenScale, givenScale.rawValue != state.scale { throw differ("--scale", saved: state.scale, given: givenScale.rawValue) }
            if let givenTarget, givenTarget.rawValue != state.target { throw differ("--target", saved: state.target, given: givenTarget.rawValue) }
            let names = injections.map(\.rawValue).sorted()
            if names != state.injections.sorted() {
                throw differ("--inject", saved: state.injections.joined(separator: ",").ifEmpty("(none)"), given: names.joined(separator: ",").ifEmpty("(none)"))
            }
            if let givenWorkers, givenWorkers != state.workers { throw differ("--workers", saved: String(state.workers), given: String(givenWorkers)) }
            if let givenShard, givenShard != (state.shard, state.shards) {
                throw differ("--shard", saved: "\(state.shard)/\(state.shards)", given: "\(givenShard.shard)/\(givenShard.shards)")
            }
            if let givenOut, URL(fileURLWithPath: givenOut).standardizedFileURL.path != URL(fileURLWithPath: state.outputDirectory).standardizedFileURL.path {
                throw differ("--out", saved: state.outputDirectory, given: givenOut)
            }
            if inProcess { throw UsageError("option --in-process cannot resume a campaign; leave it out") }
            if iterations == nil && time == nil {
                iterations = state.sequenceLimit
                time = state.timeLimit
            }
            // --time is the total over all sessions (the summary's resume hint prints one):
            // a total already used up would run nothing, which is never what was meant.
            if let total = time, total <= state.elapsed {
                let spent = Int(state.elapsed.rounded(.up))
                throw UsageError(
                    "option --time \(SummaryText.seconds(total)) is the total over all sessions, and \(resumePath) has already run \(spent)s; "
                        + "give more than that, e.g. --time \(spent + 60)s for one more minute")
            }
        } else if iterations == nil && time == nil {
            time = 60
        }
        // A resumed state's seed was validated when it was loaded: it is never replaced.
        guard let seed = givenSeed ?? state.map({ CampaignState.parseSeed($0.seed) }) ?? Optional(UInt64(Date().timeIntervalSince1970 * 1000) & 0xFFFF_FFFF) else {
            throw InputError("option --resume: field \"seed\" is not an unsigned 64-bit number")
        }
        let scale = givenScale ?? state.flatMap { ClusterScale(rawValue: $0.scale) } ?? .small
        let kind = givenTarget ?? state.flatMap { TargetSpec.Kind(rawValue: $0.target) } ?? .model
        // Budgets left out take the target's default (a live candidate costs seconds).
        let shrinkSeconds = givenShrinkSeconds ?? kind.defaultShrinkBudget.maxSeconds
        let shrinkEvals = givenShrinkEvals ?? kind.defaultShrinkBudget.maxEvaluations
        let out = URL(fileURLWithPath: givenOut ?? state?.outputDirectory ?? defaultOutputDirectory)
        let shard = givenShard ?? state.map { ($0.shard, $0.shards) } ?? (0, 1)
        let workers = givenWorkers ?? state?.workers ?? (inProcess ? 1 : defaultWorkers)
        if inProcess && workers != 1 {
            throw UsageError("option --workers \(workers) needs worker processes; --in-process runs one")
        }
        let stateURL = givenState.map { URL(fileURLWithPath: $0) }
            ?? resumePath.map { URL(fileURLWithPath: $0) } ?? CampaignState.defaultURL(outputDirectory: out)
        // Output paths are checked before any work: a night's campaign must not end in a
        // report, a corpus or a state it cannot write.
        do {
            try givenReport.map { try InputFile.checkWritable($0, option: "--report") }
            try InputFile.checkDirectory(out.path, option: "--out")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: stateURL.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw InputFile.Problem("option --state \(stateURL.path): is a directory; give a file path")
            }
            try InputFile.checkDirectory(stateURL.deletingLastPathComponent().path, option: "--state")
        } catch let error as InputFile.Problem {
            throw InputError(error.message)
        }
        return FuzzOptions(
            seed: seed, seedWasGiven: givenSeed != nil || state != nil, iterations: iterations, time: time, scale: scale,
            target: TargetSpec(kind: kind, injections: injections), outputDirectory: out, shrink: shrink,
            shrinkBudget: ShrinkBudget(maxEvaluations: shrinkEvals, maxSeconds: shrinkSeconds), json: json,
            workers: workers, shard: shard.0, shards: shard.1, sequenceTimeout: sequenceTimeout, stateURL: stateURL,
            resume: state, resumePath: resumePath, inProcess: inProcess, report: report)
    }

    var layout: IndexPartition { IndexPartition(shard: shard, shards: shards, workers: workers) }

    /// The configuration; in one process the shard's residue is `shard, shard + shards, ...`.
    var configuration: CampaignConfiguration {
        CampaignConfiguration(
            seed: seed, sequenceLimit: iterations, timeLimit: time, scale: scale, target: target,
            outputDirectory: outputDirectory, shrink: shrink, shrinkBudget: shrinkBudget,
            firstIndex: shard, stride: shards)
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
