import Calico
import Driver
import Foundation
import Gen
import Shrink

// Shrinking one new failure of a campaign, in the campaign's process (`InProcessExecutor`)
// or in a shrink process of its own (`ChildProcessExecutor`, the `shrink` command of
// `WorkerCommandLine`): the sequence is regenerated from (seed, index), shrunk, and saved. A
// property failure is shrunk in-process. A crash or timeout cannot be: each candidate then
// runs in a child process (`IsolatedEvaluator`) with the sequence time limit, and the evaluation budget is
// capped because every candidate costs a process start. A stop request ends the shrink before
// its next candidate, with its best so far. Every new best is written at once to a hidden
// file in the output directory (BestSoFarFile), so a shrink killed outright still leaves the
// smallest reproducer it found: the campaign saves that one instead of the original.

public enum ShrinkJobRunner {
    /// The most candidates a crash or timeout shrink runs (each is a process).
    public static let isolatedEvaluationCap = 200

    /// True for failures that must be evaluated out of process.
    public static func needsIsolation(_ failure: Failure) -> Bool {
        failure.property == .targetError && (failure.kind == "crash" || failure.kind == "timeout")
    }

    /// Regenerates, shrinks and saves sequence `index`; returns what was saved.
    /// `keepsBestSoFar` writes each improvement to a hidden file (for a shrink process that may
    /// be killed); `progress` gets a line per improvement (default: stderr, a shrink process's
    /// log).
    public static func run(
        configuration: CampaignConfiguration, index: Int, failure: Failure, evaluator: IsolatedEvaluator?,
        stopFlag: StopFlag, keepsBestSoFar: Bool = true,
        progress: (@Sendable (String) -> Void)? = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) -> FailureRecord {
        var configuration = configuration
        let isolated = needsIsolation(failure)
        if isolated {
            configuration.shrinkBudget.maxEvaluations = min(configuration.shrinkBudget.maxEvaluations, isolationCap)
        }
        let cases = FuzzCaseRunner(configuration: configuration)
        let generated: (scenario: Scenario, recording: ChoiceRecording)
        do {
            generated = try cases.generate(index: index)
        } catch {
            return notSaved(configuration: configuration, index: index, failure: failure, reason: "\(error)")
        }
        let result = FuzzCaseRunner.CaseResult(
            index: index, scenario: generated.scenario, recording: generated.recording,
            outcome: ScenarioOutcome(failure: failure, stepsRun: 0, messagesByKind: [:], messagesByStepKind: [:], stepKinds: [:]))
        let inner: (Scenario) -> Failure? =
            if isolated, let evaluator { { evaluator.evaluate($0) } } else { cases.evaluate }
        let evaluate: (Scenario) -> Failure? = { scenario in
            stopFlag.isStopped ? nil : inner(scenario)
        }
        let bestSoFar = BestSoFarFile(configuration: configuration, index: index)
        // The budget first, so a live shrink's length can be judged before it runs out.
        let budget = configuration.shrinkBudget
        let kind = configuration.target.kind
        FileHandle.standardError.write(Data(
            "k8sfv: sequence \(index): \(budget.startLine(target: kind, isDefault: budget == kind.defaultShrinkBudget))\n".utf8))
        let hooks = ShrinkHooks(
            shouldStop: { stopFlag.isStopped },
            onImprovement: { shrunk, improvement in
                if keepsBestSoFar { bestSoFar.write(cases.reproducer(result, shrunk: shrunk)) }
                progress?("k8sfv: sequence \(index): \(improvement.line)")
            })
        let clock = ContinuousClock()
        let start = clock.now
        let (reproducer, report) = cases.shrink(result, failure: failure, hooks: hooks, evaluate: evaluate)
        let took = clock.now - start
        defer { if keepsBestSoFar { bestSoFar.remove() } }
        return save(
            reproducer, configuration: configuration, index: index, failure: failure, originalSteps: generated.scenario.steps.count,
            report: report, seconds: Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
    }

    static var isolationCap: Int { isolatedEvaluationCap }

    /// Saves sequence `index` as it was generated (no shrinking): when shrinking could not run
    /// or finish, the failure is still on disk. `note` says why, in the record's message.
    public static func saveUnshrunk(configuration: CampaignConfiguration, index: Int, failure: Failure, note: String?) -> FailureRecord {
        var configuration = configuration
        configuration.shrink = false
        let cases = FuzzCaseRunner(configuration: configuration)
        guard let generated = try? cases.generate(index: index) else {
            return notSaved(configuration: configuration, index: index, failure: failure, reason: "regeneration failed")
        }
        let result = FuzzCaseRunner.CaseResult(
            index: index, scenario: generated.scenario, recording: generated.recording,
            outcome: ScenarioOutcome(failure: failure, stepsRun: 0, messagesByKind: [:], messagesByStepKind: [:], stepKinds: [:]))
        var (reproducer, report) = cases.shrink(result, failure: failure)
        // A shrink process that was killed may have left a smaller reproducer than the cut.
        let bestSoFar = BestSoFarFile(configuration: configuration, index: index)
        // The budget first, so a live shrink's length can be judged before it runs out.
        let budget = configuration.shrinkBudget
        let kind = configuration.target.kind
        FileHandle.standardError.write(Data(
            "k8sfv: sequence \(index): \(budget.startLine(target: kind, isDefault: budget == kind.defaultShrinkBudget))\n".utf8))
        var shrunkSoFar = false
        if let best = bestSoFar.read(), best.scenario.steps.count <= reproducer.scenario.steps.count {
            reproducer = best
            report.shrunkBy = best.origin.shrunkBy
            shrunkSoFar = true
        }
        bestSoFar.remove()
        var record = save(
            reproducer, configuration: configuration, index: index, failure: failure,
            originalSteps: generated.scenario.steps.count, report: report, seconds: 0)
        let notes = [note, shrunkSoFar ? "the best reproducer the interrupted shrink had found" : nil].compactMap { $0 }
        if !notes.isEmpty { record.message = "(\(notes.joined(separator: "; "))) " + record.message }
        return record
    }

    private static func save(
        _ reproducer: Reproducer, configuration: CampaignConfiguration, index: Int, failure: Failure, originalSteps: Int,
        report: ShrinkReport, seconds: Double
    ) -> FailureRecord {
        let path: String
        do {
            path = try ReproducerStore(directory: configuration.outputDirectory).save(reproducer).path
        } catch {
            path = "(not saved: \(error))"
        }
        return FailureRecord(
            signature: failure.signature, reproducerID: reproducer.id, path: path, seed: String(configuration.seed),
            index: index, originalSteps: originalSteps, shrunkSteps: reproducer.scenario.steps.count,
            shrinkEvaluations: report.evaluations, shrinkSeconds: seconds, shrinkBudgetExhausted: report.budgetExhausted,
            message: (reproducer.failure ?? failure).description, duplicates: 0)
    }

    private static func notSaved(configuration: CampaignConfiguration, index: Int, failure: Failure, reason: String) -> FailureRecord {
        FailureRecord(
            signature: failure.signature, reproducerID: "", path: "(not saved: \(reason))", seed: String(configuration.seed),
            index: index, originalSteps: 0, shrunkSteps: 0, shrinkEvaluations: 0, shrinkSeconds: 0,
            shrinkBudgetExhausted: false, message: failure.description, duplicates: 0)
    }
}

/// The best reproducer a running shrink has found so far, replaced atomically at each
/// improvement: `.shrinking-<seed>-<index>.json` in the output directory (hidden, so the
/// corpus never lists it), removed once the shrink has saved its result.
struct BestSoFarFile: Sendable {
    var url: URL

    init(configuration: CampaignConfiguration, index: Int) {
        url = configuration.outputDirectory.appendingPathComponent(".shrinking-\(configuration.seed)-\(index).json")
    }

    func write(_ reproducer: Reproducer) {
        guard let data = try? reproducer.encoded() else { return }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.appendingPathExtension("tmp-\(getpid())")
        guard (try? data.write(to: temporary)) != nil else { return }
        if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }

    func read() -> Reproducer? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? Reproducer.decode(data, source: url.path)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs one scenario in a child process (the `evaluate` command of `WorkerCommandLine`), so a crash or hang of the target
/// is an answer (`target-error/crash` or `timeout`) rather than the end of the shrinker.
public struct IsolatedEvaluator: Sendable {
    public var commands: WorkerCommandLine
    public var spec: WorkerSpec
    public var timeout: Double
    public var scratch: URL

    public init(commands: WorkerCommandLine, spec: WorkerSpec, timeout: Double, scratch: URL) {
        self.commands = commands
        self.spec = spec
        self.timeout = timeout
        self.scratch = scratch
    }

    public func evaluate(_ scenario: Scenario) -> Failure? {
        let file = scratch.appendingPathComponent("k8sfv-candidate-\(getpid()).json")
        do {
            try KubeJSON.encode(scenario).write(to: file)
        } catch {
            return nil
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let lines = LockedLines()
        let done = DispatchSemaphore(value: 0)
        let exitBox = LockedLines()
        let child: ChildProcess
        do {
            child = try ChildProcess(
                executable: commands.executable, arguments: commands.evaluateArguments(spec, scenarioFile: file.path),
                onLine: { lines.append($0) },
                onExit: { exit in
                    exitBox.append(exit.description)
                    done.signal()
                })
        } catch {
            return nil
        }
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            child.send(SIGKILL)
            done.wait()
        }
        if timedOut {
            return Failure(
                property: .targetError, kind: "timeout", stepIndex: nil, stepKind: nil,
                details: ["the sequence ran longer than \(ChildProcessExecutor.format(timeout)) and was killed"])
        }
        if let exit = child.exit, exit == .signalled(SIGINT) || exit == .signalled(SIGTERM) {
            // Stopped by the user's interrupt, not by the target: no verdict.
            return nil
        }
        if let verdict = WorkerProtocol.verdict(lines: lines.all) { return verdict.failure }
        return Failure(
            property: .targetError, kind: "crash", stepIndex: nil, stepKind: nil,
            details: ["the process running the sequence \(child.exit?.description ?? "died")"]
                + ChildExit.lastLines(of: child.stderrTail, count: 6))
    }
}

/// Lines collected from a reader thread.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
