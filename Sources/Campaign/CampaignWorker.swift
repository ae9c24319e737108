import Calico
import Driver
import Foundation
import Gen
import Live

/// The campaign's sequence loop, the same in every executor: draw sequence `start`, then
/// `start + stride`, ...; run and check each (`FuzzCaseRunner`); report it as a
/// `WorkerMessage`; stop at the count, the deadline or a stop request. Whether a failure is
/// new, and what to do with it, is the `CampaignEngine`'s decision, never the worker's.
public struct CampaignWorker: Sendable {
    public var configuration: CampaignConfiguration
    public var start: Int
    /// Seconds to wait before running again a sequence that met an environment error.
    public var environmentRetryWait = LiveEnvironment.retryWait

    public init(configuration: CampaignConfiguration, start: Int) {
        self.configuration = configuration
        self.start = start
    }

    public func run(stopFlag: StopFlag, emit: (WorkerMessage) -> Void) {
        let cases = FuzzCaseRunner(configuration: configuration)
        let clock = ContinuousClock()
        let began = clock.now
        let deadline = configuration.timeLimit.map { began + .milliseconds(Int64($0 * 1000)) }
        var index = start
        var ran = 0
        var coverage = CampaignStatistics()
        var environmentAttempts = 0
        var environmentError: String?
        while !stopFlag.isStopped {
            if let limit = configuration.sequenceLimit, ran >= limit { break }
            if let deadline, clock.now >= deadline { break }
            emit(WorkerMessage(event: .started, index: index))
            do {
                let result = try cases.run(index: index)
                let outcome = result.outcome
                // The environment failed, not Felix: never reported as a failure; the same
                // sequence runs again after a wait, a bounded number of times (LiveEnvironment).
                if let failure = outcome.failure, failure.isEnvironmentError {
                    environmentAttempts += 1
                    if environmentAttempts > LiveEnvironment.retries {
                        environmentError = "\(failure.kind) (\(LiveEnvironment.retries) retries): "
                            + failure.details.joined(separator: " ")
                        break
                    }
                    let until = clock.now + .milliseconds(Int(environmentRetryWait * 1000))
                    while clock.now < until && !stopFlag.isStopped { Thread.sleep(forTimeInterval: 0.05) }
                    continue
                }
                environmentAttempts = 0
                coverage.recordGenerated(result.scenario)
                emit(WorkerMessage(
                    event: .finished, index: index, steps: outcome.stepsRun, failure: outcome.failure,
                    stepKinds: outcome.stepKinds, messageKinds: outcome.messagesByKind,
                    messagesByStepKind: outcome.messagesByStepKind))
            } catch {
                // A generator failure is a bug in k8sfv itself: the sequence's failure.
                let failure = Failure(
                    property: .targetError, kind: "generator-error", stepIndex: nil, stepKind: nil,
                    details: ["generating sequence \(index) failed: \(error)"])
                emit(WorkerMessage(event: .finished, index: index, steps: 0, failure: failure))
            }
            index += configuration.stride
            ran += 1
        }
        emit(WorkerMessage(event: .stopped, index: index, generation: coverage.generation, environmentError: environmentError))
    }
}
