import Foundation

/// Where a campaign's sequences and shrinks run. An executor decides nothing about failures:
/// it starts `CampaignWorker` loops and shrink jobs, and hands what they report to the
/// `CampaignEngine`. Two exist: `InProcessExecutor` (this thread) and `ChildProcessExecutor`
/// (a process per worker and per shrink, for crash and hang isolation).
protocol CampaignExecutor: AnyObject {
    /// Runs the executor's sequences, handing each report to `engine` (and calling
    /// `engine.tick()` now and then); returns once every sequence and every requested shrink
    /// has ended.
    func run(_ engine: CampaignEngine)

    /// Shrinks and saves a new failure; the executor calls `engine.shrinkEnded` when it is
    /// done, at once or later.
    func shrink(_ request: ShrinkRequest, engine: CampaignEngine)
}
