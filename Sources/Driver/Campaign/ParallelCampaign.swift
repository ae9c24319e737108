import Calico
import Foundation
import Gen

// The campaign parent: one worker process per share of the index space, a shrink process per
// new failure signature, and a loop that aggregates what they report. A worker that dies or
// overruns `sequenceTimeout` costs one sequence, not the campaign: that sequence becomes a
// `target-error` failure (kind `crash` or `timeout`) and a fresh worker takes the next index
// of the same residue. Workers never shrink; the parent knows every signature seen so far, so
// each distinct failure is shrunk exactly once, in its own process. The state file is written
// every few seconds and at exit.
// Cost: one JSON line per sequence start and end; the parent's work is O(1) per line.

/// How the parent runs its children.
public struct ParallelCampaignOptions: Sendable {
    /// How to start the worker and shrink children (passed in by the program that has them).
    public var commands: WorkerCommandLine
    public var layout: IndexPartition
    /// A sequence running longer than this is killed and reported as a `timeout` failure.
    public var sequenceTimeout: Double
    /// Where the state goes (nil: nowhere).
    public var stateURL: URL?
    /// A state to continue from (already checked against the configuration).
    public var resume: CampaignState?
    /// How many shrink processes may run at once.
    public var maxShrinks: Int
    /// Seconds between state-file writes.
    public var stateInterval: Double

    public init(
        commands: WorkerCommandLine, layout: IndexPartition, sequenceTimeout: Double = 60, stateURL: URL? = nil,
        resume: CampaignState? = nil, maxShrinks: Int? = nil, stateInterval: Double = 5
    ) {
        self.commands = commands
        self.layout = layout
        self.sequenceTimeout = sequenceTimeout
        self.stateURL = stateURL
        self.resume = resume
        self.maxShrinks = max(1, maxShrinks ?? layout.workers)
        self.stateInterval = stateInterval
    }
}

/// A multi-process campaign. `configuration.sequenceLimit` is per shard; its
/// `firstIndex`/`stride` are ignored (the layout decides them).
public final class ParallelCampaign: @unchecked Sendable {
    public let configuration: CampaignConfiguration
    public let options: ParallelCampaignOptions
    public let stopFlag: StopFlag

    private enum Message {
        case workerLine(slot: Int, generation: Int, line: String)
        case workerExited(slot: Int, generation: Int, exit: ChildExit)
        case shrinkLine(job: Int, line: String)
        case shrinkExited(job: Int, exit: ChildExit)
    }

    private struct Slot {
        var next: Int
        var total: Int?
        var process: ChildProcess?
        var generation = 0
        var inFlight: Int?
        var inFlightSince: ContinuousClock.Instant?
        var timedOut = false
        var done = false
        var failedStarts = 0
    }

    private struct ShrinkJob {
        var index: Int
        var failure: Failure
        var process: ChildProcess?
        var lastLine: String?
    }

    private let inbox = Inbox<Message>()
    private var slots: [Slot] = []
    private var jobs: [Int: ShrinkJob] = [:]
    private var queue: [Int] = []
    private var nextJob = 0
    private var signatures: [FailureSignature: Int] = [:]
    private var records: [FailureRecord] = []
    private var statistics = CampaignStatistics()
    private var priorElapsed = 0.0
    private let clock = ContinuousClock()
    private var began: ContinuousClock.Instant
    private var stopping = false
    private var killAt: ContinuousClock.Instant?

    public init(configuration: CampaignConfiguration, options: ParallelCampaignOptions, stopFlag: StopFlag = StopFlag()) {
        self.configuration = configuration
        self.options = options
        self.stopFlag = stopFlag
        began = clock.now
        let layout = options.layout
        for worker in 0..<layout.workers {
            let next = options.resume?.nextIndices[safe: worker] ?? layout.firstIndex(worker: worker)
            let total = configuration.sequenceLimit.map { layout.sequenceCount(worker: worker, ofShardTotal: $0) }
            slots.append(Slot(next: next, total: total))
        }
        if let resume = options.resume {
            let reconciled = resume.reconciled(outputDirectory: configuration.outputDirectory)
            signatures = reconciled.signatures
            records = reconciled.records
            // Shrinks the interrupted session had not finished run again from their index.
            for record in reconciled.pending {
                jobs[nextJob] = ShrinkJob(index: record.index, failure: CampaignState.pendingFailure(record))
                queue.append(nextJob)
                nextJob += 1
            }
            statistics = resume.statistics
            statistics.throughput = []
            priorElapsed = resume.elapsed
        }
    }

    private var elapsed: Double { priorElapsed + seconds(clock.now - began) }

    /// Runs until every worker reaches its limit, or a stop; returns the summary and the
    /// final state (already saved when a state URL is set).
    public func run(events: (CampaignEvent) -> Void = { _ in }) -> (CampaignSummary, CampaignState) {
        began = clock.now
        var lastState = clock.now
        var lastSample = -1.0
        for slot in slots.indices { startWorker(slot, events: events) }
        while !isFinished {
            if stopFlag.isStopped, !stopping { beginStopping() }
            for message in inbox.take(waitingUpTo: 0.1) { handle(message, events: events) }
            checkTimeouts()
            if let killAt, clock.now >= killAt { killEverything() }
            startQueuedShrinks(events: events)
            if seconds(clock.now - lastState) >= options.stateInterval {
                lastState = clock.now
                saveState()
            }
            let now = elapsed
            if now - lastSample >= 1 {
                statistics.throughput.append(ThroughputSample(elapsed: now, steps: statistics.steps))
                lastSample = now
            }
        }
        statistics.throughput.append(ThroughputSample(elapsed: elapsed, steps: statistics.steps))
        let state = saveState()
        let summary = CampaignSummary(
            seed: String(configuration.seed), statistics: statistics, failures: sortedRecords(), elapsed: elapsed,
            interrupted: stopFlag.isStopped, nextIndex: slots.map(\.next).min() ?? 0, stride: options.layout.stride,
            nextIndices: slots.map(\.next), layout: options.layout)
        return (summary, state)
    }

    private var isFinished: Bool {
        slots.allSatisfy { $0.process == nil && ($0.done || stopping) } && jobs.isEmpty && queue.isEmpty
    }

    // MARK: workers

    private func remaining(_ slot: Slot, worker: Int) -> Int? {
        slot.total.map { max(0, $0 - options.layout.sequencesDone(worker: worker, nextIndex: slot.next)) }
    }

    private func remainingSeconds() -> Double? {
        configuration.timeLimit.map { max(0, $0 - elapsed) }
    }

    private func startWorker(_ index: Int, events: (CampaignEvent) -> Void) {
        var slot = slots[index]
        let count = remaining(slot, worker: index)
        let time = remainingSeconds()
        if stopping || count == 0 || (time.map { $0 <= 0 } ?? false) {
            slot.done = true
            slots[index] = slot
            return
        }
        var worker = configuration
        worker.firstIndex = options.layout.firstIndex(worker: index)
        worker.stride = options.layout.stride
        let spec = WorkerSpec(configuration: worker, start: slot.next, count: count, seconds: time)
        slot.generation += 1
        slot.inFlight = nil
        slot.timedOut = false
        let generation = slot.generation
        let inbox = self.inbox
        do {
            slot.process = try ChildProcess(
                executable: options.commands.executable, arguments: options.commands.workerArguments(spec),
                onLine: { inbox.put(.workerLine(slot: index, generation: generation, line: $0)) },
                onExit: { inbox.put(.workerExited(slot: index, generation: generation, exit: $0)) })
        } catch {
            slot.done = true
            let failure = Failure(
                property: .targetError, kind: "worker-start", stepIndex: nil, stepKind: nil, details: ["\(error)"])
            events(.failureFound(index: slot.next, failure: failure))
        }
        slots[index] = slot
    }

    private func handle(_ message: Message, events: (CampaignEvent) -> Void) {
        switch message {
        case .workerLine(let index, let generation, let line):
            guard slots[index].generation == generation, let parsed = WorkerMessage.parse(line[...]) else { return }
            handleWorker(parsed, slot: index, events: events)
        case .workerExited(let index, let generation, let exit):
            guard slots[index].generation == generation else { return }
            workerExited(index, exit: exit, events: events)
        case .shrinkLine(let job, let line):
            jobs[job]?.lastLine = line
        case .shrinkExited(let id, let exit):
            guard let job = jobs.removeValue(forKey: id) else { return }
            shrinkFinished(job, exit: exit, events: events)
        }
    }

    private func handleWorker(_ message: WorkerMessage, slot index: Int, events: (CampaignEvent) -> Void) {
        switch message.event {
        case .started:
            slots[index].inFlight = message.index
            slots[index].inFlightSince = clock.now
        case .finished:
            slots[index].inFlight = nil
            slots[index].next = message.index + options.layout.stride
            statistics.merge(message.statistics)
            if let failure = message.failure { found(failure, index: message.index, events: events) }
            events(.sequenceFinished(index: message.index, steps: message.steps ?? 0, failed: message.failure != nil))
        case .stopped:
            if let generation = message.generation {
                var coverage = CampaignStatistics()
                coverage.generation = generation
                statistics.merge(coverage)
            }
        }
    }

    private func workerExited(_ index: Int, exit: ChildExit, events: (CampaignEvent) -> Void) {
        var slot = slots[index]
        let stderrTail = slot.process?.stderrTail ?? ""
        slot.process = nil
        if let lost = slot.inFlight {
            // The sequence in flight crashed the worker or overran its time: that is its failure.
            let timedOut = slot.timedOut
            let tail = ChildExit.lastLines(of: stderrTail, count: 6)
            let failure = Failure(
                property: .targetError, kind: timedOut ? "timeout" : "crash", stepIndex: nil, stepKind: nil,
                details: (timedOut
                    ? ["sequence \(lost) ran longer than \(Self.format(options.sequenceTimeout)) and was killed"]
                    : ["the worker running sequence \(lost) \(exit)"]) + tail)
            slot.inFlight = nil
            slot.next = lost + options.layout.stride
            var counted = CampaignStatistics()
            counted.sequences = 1
            counted.failures = 1
            statistics.merge(counted)
            slots[index] = slot
            found(failure, index: lost, events: events)
            events(.sequenceFinished(index: lost, steps: 0, failed: true))
            startWorker(index, events: events)
            return
        }
        if exit.isCleanExit || stopping {
            slot.done = true
        } else {
            // Died between sequences (bad spec, out of memory...): retry a few times, then give up.
            slot.failedStarts += 1
            if slot.failedStarts >= 3 {
                slot.done = true
                let failure = Failure(
                    property: .targetError, kind: "worker-start", stepIndex: nil, stepKind: nil,
                    details: ["worker \(index) \(exit) three times without running a sequence"]
                        + ChildExit.lastLines(of: stderrTail, count: 6))
                events(.failureFound(index: slot.next, failure: failure))
            }
        }
        slots[index] = slot
        if !slot.done { startWorker(index, events: events) }
    }

    private func checkTimeouts() {
        for index in slots.indices {
            guard let process = slots[index].process else { continue }
            guard slots[index].inFlight != nil, !slots[index].timedOut, let since = slots[index].inFlightSince else { continue }
            if seconds(clock.now - since) > options.sequenceTimeout {
                slots[index].timedOut = true
                process.send(SIGKILL)
            }
        }
    }

    // MARK: failures and shrinking

    private func found(_ failure: Failure, index: Int, events: (CampaignEvent) -> Void) {
        let signature = failure.signature
        if let count = signatures[signature] {
            signatures[signature] = count + 1
            events(.duplicateFailure(index: index, signature: signature))
            return
        }
        signatures[signature] = 1
        events(.failureFound(index: index, failure: failure))
        if !configuration.shrink || (failure.property == .targetError && failure.kind == "generator-error") {
            saveUnshrunk(ShrinkJob(index: index, failure: failure), note: nil, events: events)
            return
        }
        let id = nextJob
        nextJob += 1
        jobs[id] = ShrinkJob(index: index, failure: failure)
        queue.append(id)
        startQueuedShrinks(events: events)
    }

    private func startQueuedShrinks(events: (CampaignEvent) -> Void) {
        while !queue.isEmpty {
            let running = jobs.values.filter { $0.process != nil }.count
            if stopping {
                // No new shrinks once stopping: save what was found as it is.
                let id = queue.removeFirst()
                if let job = jobs.removeValue(forKey: id) {
                    saveUnshrunk(job, note: "the campaign stopped before shrinking it", events: events)
                }
                continue
            }
            guard running < options.maxShrinks else { return }
            let id = queue.removeFirst()
            guard let job = jobs[id] else { continue }
            let spec = WorkerSpec(configuration: configuration, start: job.index)
            let inbox = self.inbox
            let failureJSON = (try? KubeJSON.encodeString(job.failure)) ?? "{}"
            do {
                jobs[id]?.process = try ChildProcess(
                    executable: options.commands.executable,
                    arguments: options.commands.shrinkArguments(
                        spec, index: job.index, failure: failureJSON, sequenceTimeout: String(options.sequenceTimeout)),
                    onLine: { inbox.put(.shrinkLine(job: id, line: $0)) },
                    onExit: { inbox.put(.shrinkExited(job: id, exit: $0)) })
            } catch {
                jobs.removeValue(forKey: id)
                saveUnshrunk(job, note: "could not start a shrink process: \(error)", events: events)
            }
        }
    }

    private func saveUnshrunk(_ job: ShrinkJob, note: String?, events: (CampaignEvent) -> Void) {
        let record = ShrinkJobRunner.saveUnshrunk(
            configuration: configuration, index: job.index, failure: job.failure, note: note)
        records.append(record)
        events(.reproducerSaved(record))
    }

    private func shrinkFinished(_ job: ShrinkJob, exit: ChildExit, events: (CampaignEvent) -> Void) {
        if let line = job.lastLine, let record = try? JSONDecoder().decode(FailureRecord.self, from: Data(line.utf8)) {
            records.append(record)
            events(.reproducerSaved(record))
        } else {
            saveUnshrunk(job, note: "the shrink process \(exit) before saving", events: events)
        }
    }

    // MARK: stopping

    private func beginStopping() {
        stopping = true
        for slot in slots { slot.process?.send(SIGTERM) }
        for job in jobs.values { job.process?.send(SIGTERM) }
        // Workers finish the sequence they are on; shrinkers save their best so far. Anything
        // still running after the grace period is killed (its sequence is not counted).
        killAt = clock.now + .seconds(min(10, options.sequenceTimeout))
    }

    private func killEverything() {
        for index in slots.indices {
            slots[index].inFlight = nil
            slots[index].process?.send(SIGKILL)
        }
        for job in jobs.values { job.process?.send(SIGKILL) }
        killAt = nil
    }

    // MARK: state

    /// The saved failures, each with its repeat count (kept per signature, since repeats
    /// often arrive while the first is still being shrunk).
    private func sortedRecords() -> [FailureRecord] {
        records.map { record in
            var record = record
            record.duplicates = max(0, (signatures[record.signature] ?? 1) - 1)
            return record
        }.sorted { ($0.signature, $0.reproducerID) < ($1.signature, $1.reproducerID) }
    }

    /// Failures found whose shrink has not ended: in the state so a resume after kill -9
    /// shrinks them again instead of forgetting them.
    private func pendingRecords() -> [FailureRecord] {
        jobs.values.map { job in
            CampaignState.pendingRecord(
                signature: job.failure.signature, seed: String(configuration.seed), index: job.index, failure: job.failure,
                duplicates: max(0, (signatures[job.failure.signature] ?? 1) - 1))
        }.sorted { ($0.signature, $0.index) < ($1.signature, $1.index) }
    }

    @discardableResult
    private func saveState() -> CampaignState {
        let layout = options.layout
        let state = CampaignState(
            seed: String(configuration.seed), scale: configuration.scale.rawValue,
            target: configuration.target.kind.rawValue, injections: configuration.target.injectionNames,
            shard: layout.shard, shards: layout.shards, workers: layout.workers,
            outputDirectory: configuration.outputDirectory.path, sequenceLimit: configuration.sequenceLimit,
            timeLimit: configuration.timeLimit, elapsed: elapsed, nextIndices: slots.map(\.next),
            signatures: signatures.keys.sorted().map { SignatureCount(signature: $0, count: signatures[$0] ?? 0) },
            failures: sortedRecords() + pendingRecords(), statistics: statisticsWithoutSamples,
            finished: slots.allSatisfy { $0.done && $0.process == nil } && !stopFlag.isStopped)
        if let url = options.stateURL { try? state.save(to: url) }
        return state
    }

    private var statisticsWithoutSamples: CampaignStatistics {
        var copy = statistics
        copy.throughput = []
        return copy
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : String(format: "%.1fs", seconds)
    }
}

extension ChildExit {
    /// The last non-empty lines of a stderr tail, for failure details.
    static func lastLines(of text: String, count: Int) -> [String] {
        text.split(separator: "\n").suffix(count).map { "stderr: " + $0 }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// A thread-safe mailbox: reader threads put, the campaign loop takes in batches.
final class Inbox<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []

    func put(_ item: Item) {
        condition.lock()
        items.append(item)
        condition.signal()
        condition.unlock()
    }

    /// Everything waiting, after waiting up to `seconds` for the first item.
    func take(waitingUpTo seconds: Double) -> [Item] {
        condition.lock()
        defer { condition.unlock() }
        if items.isEmpty { _ = condition.wait(until: Date(timeIntervalSinceNow: seconds)) }
        let taken = items
        items = []
        return taken
    }
}
