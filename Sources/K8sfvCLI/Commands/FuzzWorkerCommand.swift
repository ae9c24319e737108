import Campaign
import Driver
import Foundation

/// `k8sfv fuzz-worker` (hidden): one worker process of a campaign. Runs its residue of the
/// index space and reports each sequence as a JSON line on stdout; never shrinks.
enum FuzzWorkerCommand: K8sfvCommand {
    static let name = "fuzz-worker"
    static let summary = "(internal) one worker process of 'k8sfv fuzz'"
    static let about = """
        Usage: k8sfv fuzz-worker --spec JSON

        Internal: started by 'k8sfv fuzz', one per worker. Runs the sequences the spec gives
        (first, first+stride, ... from start) and writes one JSON line per sequence start and
        end on stdout. SIGINT or SIGTERM stops it after the sequence it is on.
        """

    static let options: [OptionDeclaration] = [WorkerCommandSupport.specDeclaration]

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let spec = try WorkerCommandSupport.spec(&arguments)
        try arguments.finish()
        let configuration = try WorkerCommandSupport.configuration(spec)
        let flag = StopFlag()
        let trap = SignalTrap(stopping: flag)
        defer { withExtendedLifetime(trap) {} }
        WorkerProtocol.serveWorker(spec, configuration: configuration, stopFlag: flag) { io.print($0) }
        return ExitCode.ok
    }
}

