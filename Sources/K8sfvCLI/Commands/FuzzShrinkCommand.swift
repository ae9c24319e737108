import Campaign
import Driver
import Foundation

/// `k8sfv fuzz-shrink` (hidden): shrinks one new failure of a campaign and saves it.
enum FuzzShrinkCommand: K8sfvCommand {
    static let name = "fuzz-shrink"
    static let summary = "(internal) shrink one failure of 'k8sfv fuzz'"
    static let about = """
        Usage: k8sfv fuzz-shrink --spec JSON --index I --failure JSON [OPTIONS]

        Internal: started by 'k8sfv fuzz' for each new failure signature. Regenerates
        sequence I, shrinks it (a crash or timeout candidate by candidate in child processes),
        saves the reproducer and prints its record as one JSON line. SIGINT or SIGTERM saves
        the best found so far.
        """

    static let options: [OptionDeclaration] = [
        WorkerCommandSupport.specDeclaration,
        .integer(WorkerProtocol.Flag.index, in: 0...Int.max, "the failing sequence (required)", placeholder: "I"),
        .text(WorkerProtocol.Flag.failure, "JSON", "the failure the worker saw (required)"),
        .duration(WorkerProtocol.Flag.sequenceTimeout, "time limit of one candidate run out of process", default: "60s"),
    ]

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let spec = try WorkerCommandSupport.spec(&arguments)
        guard let index = try arguments.intOption(WorkerProtocol.Flag.index) else {
            throw UsageError("option --index takes the failing sequence's index")
        }
        guard let failureText = try arguments.option(WorkerProtocol.Flag.failure),
            let failure = WorkerProtocol.failure(argument: failureText)
        else {
            throw UsageError("option --failure takes the failure as JSON")
        }
        let timeout = try arguments.durationOption(WorkerProtocol.Flag.sequenceTimeout) ?? 60
        try arguments.finish()
        let configuration = try WorkerCommandSupport.configuration(spec)
        let flag = StopFlag()
        let trap = SignalTrap(stopping: flag)
        defer { withExtendedLifetime(trap) {} }
        WorkerProtocol.serveShrink(
            spec, configuration: configuration, index: index, failure: failure, sequenceTimeout: timeout,
            commands: WorkerExecutable.commandLine(), stopFlag: flag) { io.print($0) }
        return ExitCode.ok
    }
}

