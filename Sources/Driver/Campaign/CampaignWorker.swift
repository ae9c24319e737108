import Calico
import Foundation
import Gen

/// A worker's loop: runs its residue of the index space from `start`, reporting each sequence
/// as a `WorkerMessage`, until its count or deadline is reached or it is asked to stop.
public struct CampaignWorker: Sendable {
    public var configuration: CampaignConfiguration
    public var start: Int

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
        while !stopFlag.isStopped {
            if let limit = configuration.sequenceLimit, ran >= limit { break }
            if let deadline, clock.now >= deadline { break }
            emit(WorkerMessage(event: .started, index: index))
            do {
                let result = try cases.run(index: index)
                let outcome = result.outcome
                coverage.recordGenerated(result.scenario)
                emit(WorkerMessage(
                    event: .finished, index: index, steps: outcome.stepsRun, failure: outcome.failure,
                    stepKinds: outcome.stepKinds, messageKinds: outcome.messagesByKind,
                    messagesByStepKind: outcome.messagesByStepKind))
            } catch {
                let failure = Failure(
                    property: .targetError, kind: "generator-error", stepIndex: nil, stepKind: nil,
                    details: ["generating sequence \(index) failed: \(error)"])
                emit(WorkerMessage(event: .finished, index: index, steps: 0, failure: failure))
            }
            index += configuration.stride
            ran += 1
        }
        emit(WorkerMessage(event: .stopped, index: index, generation: coverage.generation))
    }
}
