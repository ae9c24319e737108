import Foundation

/// Runs a campaign in the calling thread: one `CampaignWorker` loop over the configuration's
/// residue, each new failure shrunk where it was found, before the next sequence. Used by
/// `fuzz --in-process`, the live target (one cluster, one Felix) and `K8sfvCheck`.
final class InProcessExecutor: CampaignExecutor {
    let start: Int
    let environmentRetryWait: Double
    /// Where the worker loop stopped: the next index it would have run.
    private(set) var nextIndex: Int

    init(start: Int, environmentRetryWait: Double) {
        self.start = start
        self.environmentRetryWait = environmentRetryWait
        nextIndex = start
    }

    func run(_ engine: CampaignEngine) {
        var worker = CampaignWorker(configuration: engine.configuration, start: start)
        worker.environmentRetryWait = environmentRetryWait
        worker.run(stopFlag: engine.stopFlag) { message in
            if message.event == .stopped { nextIndex = message.index }
            engine.receive(message, executor: self)
            if message.event == .finished { engine.tick() }
        }
    }

    func shrink(_ request: ShrinkRequest, engine: CampaignEngine) {
        // No best-so-far file and no progress lines: nothing outlives this process's shrink.
        let record = ShrinkJobRunner.run(
            configuration: engine.configuration, index: request.index, failure: request.failure, evaluator: nil,
            stopFlag: engine.stopFlag, keepsBestSoFar: false, progress: nil)
        engine.shrinkEnded(request.id, record: record, note: nil)
    }
}
