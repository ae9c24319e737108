import Calico
import Driver
import Foundation
import Gen

// The process protocol between a campaign and its children, both ends in one file. The
// parent (`ChildProcessExecutor`, `IsolatedEvaluator`) starts a child with the command words
// of a `WorkerCommandLine` and the flags below; the child's command (in whatever program owns
// it: the k8sfv CLI's hidden commands) parses those flags (checking the spec with
// `WorkerSpec.configuration()`) and calls one `serve…` function,
// which writes the lines the parent reads back:
//   worker   — a `WorkerMessage` line per sequence start and end, and one when it stops;
//   shrink   — one `FailureRecord` line, for what it saved;
//   evaluate — one `WorkerMessage` line (`finished`), the candidate's verdict.
// Both ends are the same binary, so they share these types; a child never re-reads the user's
// command line.

public enum WorkerProtocol {
    /// The flags of the children's command lines.
    public enum Flag {
        /// Every child: the `WorkerSpec`, as JSON.
        public static let spec = "--spec"
        /// Shrink: the failing sequence's index.
        public static let index = "--index"
        /// Shrink: the failure the worker saw, as JSON.
        public static let failure = "--failure"
        /// Shrink: the time limit of one candidate run in its own process.
        public static let sequenceTimeout = "--sequence-timeout"
        /// Evaluate: the file holding the scenario, as JSON.
        public static let scenario = "--scenario"
    }

    // MARK: the child's end

    /// The worker: runs its residue and writes each `WorkerMessage` as a line.
    public static func serveWorker(
        _ spec: WorkerSpec, configuration: CampaignConfiguration, stopFlag: StopFlag, write: (String) -> Void
    ) {
        CampaignWorker(configuration: configuration, start: spec.start).run(stopFlag: stopFlag) { write($0.line()) }
    }

    /// The shrink job: regenerates sequence `index`, shrinks it (a crash or timeout candidate
    /// by candidate through `commands`' evaluate child, when given), saves the reproducer and
    /// writes its record as a line.
    public static func serveShrink(
        _ spec: WorkerSpec, configuration: CampaignConfiguration, index: Int, failure: Failure, sequenceTimeout: Double,
        commands: WorkerCommandLine?, stopFlag: StopFlag, write: (String) -> Void
    ) {
        let evaluator = commands.map {
            IsolatedEvaluator(commands: $0, spec: spec, timeout: sequenceTimeout, scratch: FileManager.default.temporaryDirectory)
        }
        let record = ShrinkJobRunner.run(
            configuration: configuration, index: index, failure: failure, evaluator: evaluator, stopFlag: stopFlag)
        write((try? KubeJSON.encodeString(record)) ?? "{}")
    }

    /// The evaluation: runs `scenario` once and writes its verdict as a `finished` line.
    public static func serveEvaluate(configuration: CampaignConfiguration, scenario: Scenario, write: (String) -> Void) throws {
        let cases = FuzzCaseRunner(configuration: configuration)
        let outcome = cases.runner.run(scenario, on: try cases.makeTarget(for: scenario))
        write(WorkerMessage(event: .finished, index: 0, steps: outcome.stepsRun, failure: outcome.failure).line())
    }

    // MARK: values on the command line and in lines

    /// A failure as the `--failure` argument.
    public static func failureArgument(_ failure: Failure) -> String {
        (try? KubeJSON.encodeString(failure)) ?? "{}"
    }

    /// The failure in a `--failure` argument; nil when it is not one.
    public static func failure(argument: String) -> Failure? {
        try? JSONDecoder().decode(Failure.self, from: Data(argument.utf8))
    }

    /// The record a shrink child's last line carries; nil when it is not one (the child died first).
    static func shrinkRecord(line: String) -> FailureRecord? {
        try? JSONDecoder().decode(FailureRecord.self, from: Data(line.utf8))
    }

    /// The verdict among an evaluate child's lines: its last `finished` message, if any.
    static func verdict(lines: [String]) -> WorkerMessage? {
        guard let message = lines.reversed().lazy.compactMap({ WorkerMessage.parse($0[...]) }).first,
            message.event == .finished
        else { return nil }
        return message
    }
}
