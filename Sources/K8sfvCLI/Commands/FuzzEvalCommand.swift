import Campaign
import Driver
import Foundation
import Gen

/// `k8sfv fuzz-eval` (hidden): runs one scenario once, so a crash or hang stays in this process.
enum FuzzEvalCommand: K8sfvCommand {
    static let name = "fuzz-eval"
    static let summary = "(internal) run one shrink candidate of 'k8sfv fuzz'"
    static let about = """
        Usage: k8sfv fuzz-eval --spec JSON --scenario FILE

        Internal: runs the scenario in FILE once against the spec's target and prints the
        verdict as one JSON line.
        """

    static let options: [OptionDeclaration] = [
        WorkerCommandSupport.specDeclaration,
        .text(WorkerProtocol.Flag.scenario, "FILE", "the scenario, as JSON (required)"),
    ]

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let spec = try WorkerCommandSupport.spec(&arguments)
        guard let path = try arguments.option(WorkerProtocol.Flag.scenario) else { throw UsageError("option --scenario is required") }
        try arguments.finish()
        let configuration = try WorkerCommandSupport.configuration(spec)
        let scenario: Scenario
        do {
            scenario = try JSONDecoder().decode(Scenario.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw InputError("\(path): \(JSONErrorDescription.describe(error))")
        }
        try WorkerProtocol.serveEvaluate(configuration: configuration, scenario: scenario) { io.print($0) }
        return ExitCode.ok
    }
}

