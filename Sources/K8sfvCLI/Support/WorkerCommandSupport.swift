import Campaign
import Driver
import Foundation

/// Shared by the hidden commands a campaign starts: the spec argument, checked.
enum WorkerCommandSupport {
    /// The `--spec` option every hidden campaign command takes.
    static let specDeclaration = OptionDeclaration.text(
        WorkerProtocol.Flag.spec, "JSON", "the worker's configuration (required; written by 'k8sfv fuzz')")

    /// Also makes this process die with the campaign that started it (`ParentDeath`).
    static func spec(_ arguments: inout Arguments) throws -> WorkerSpec {
        ParentDeath.armInChild()
        guard let text = try arguments.option(WorkerProtocol.Flag.spec) else {
            throw UsageError("option --spec is required (this command is started by 'k8sfv fuzz')")
        }
        do {
            return try WorkerSpec.decode(argument: text)
        } catch let error as ConfigurationError {
            throw UsageError("option --spec: \(error.message)")
        }
    }

    static func configuration(_ spec: WorkerSpec) throws -> CampaignConfiguration {
        do {
            return try spec.configuration()
        } catch let error as ConfigurationError {
            throw UsageError("option --spec: \(error.message)")
        }
    }
}
