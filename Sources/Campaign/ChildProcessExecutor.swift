import Calico
import Driver
import Foundation

// Runs a campaign in child processes: one worker process per share of the index space (each
// runs `CampaignWorker` and prints its `WorkerMessage` lines) and a shrink process per new
// failure. A worker that dies or overruns `sequenceTimeout` costs one sequence, not the
// campaign: that sequence is reported as a `target-error` failure (kind `crash` or
// `timeout`) and a fresh worker takes the next index of the same residue. The state file is
// written every few seconds and at exit. What each report means is the engine's business.
// Cost: one JSON line per sequence start and end; the loop's work is O(1) per line.

final class ChildProcessExecutor: CampaignExecutor {
    let options: ParallelCampaignOptions

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
        var request: ShrinkRequest
        var process: ChildProcess?
        var lastLine: String?
    }

    private let inbox = Inbox<Message>()
    private var slots: [Slot] = []
    private var jobs: [Int: ShrinkJob] = [:]
    private var queue: [Int] = []
    private let clock = ContinuousClock()
    private var stopping = false
    private var killAt: ContinuousClock.Instant?

    /// `sequenceLimit` is per shard (the layout splits it between workers).
    init(options: ParallelCampaignOptions, sequenceLimit: Int?) {
        self.options = options
        let layout = options.layout
        for worker in 0..<layout.workers {
            let resumed = options.resume.flatMap { worker < $0.nextIndices.count ? $0.nextIndices[worker] : nil }
            let next = resumed ?? layout.firstIndex(worker: worker)
            let total = sequenceLimit.map { layout.sequenceCount(worker: worker, ofShardTotal: $0) }
            slots.append(Slot(next: next, total: total))
        }
    }

    /// Where each worker's residue stopped.
    var nextIndices: [Int] { slots.map(\.next) }

    func run(_ engine: CampaignEngine) {
        var lastState = clock.now
        for slot in slots.indices { startWorker(slot, engine) }
        while !isFinished {
            if engine.stopFlag.isStopped, !stopping { beginStopping() }
            for message in inbox.take(waitingUpTo: 0.1) { handle(message, engine) }
            checkTimeouts()
            if let killAt, clock.now >= killAt { killEverything() }
            startQueuedShrinks(engine)
            if CampaignEngine.seconds(clock.now - lastState) >= options.stateInterval {
                lastState = clock.now
                saveState(engine)
            }
            engine.tick()
        }
    }

    func shrink(_ request: ShrinkRequest, engine: CampaignEngine) {
        jobs[request.id] = ShrinkJob(request: request)
        queue.append(request.id)
        startQueuedShrinks(engine)
    }

    private var isFinished: Bool {
        slots.allSatisfy { $0.process == nil && ($0.done || stopping) } && jobs.isEmpty && queue.isEmpty
    }

    // MARK: workers

    private func remaining(_ slot: Slot, worker: Int) -> Int? {
        slot.total.map { max(0, $0 - options.layout.sequencesDone(worker: worker, nextIndex: slot.next)) }
    }

    private func startWorker(_ index: Int, _ engine: CampaignEngine) {
        var slot = slots[index]
        let count = remaining(slot, worker: index)
        let time = engine.configuration.timeLimit.map { max(0, $0 - engine.elapsed) }
        if stopping || count == 0 || (time.map { $0 <= 0 } ?? false) {
            slot.done = true
            slots[index] = slot
            return
        }
        var worker = engine.configuration
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
            engine.reportUncounted(
                Failure(property: .targetError, kind: "worker-start", stepIndex: nil, stepKind: nil, details: ["\(error)"]),
                index: slot.next)
        }
        slots[index] = slot
    }

    private func handle(_ message: Message, _ engine: CampaignEngine) {
        switch message {
        case .workerLine(let index, let generation, let line):
            guard slots[index].generation == generation, let parsed = WorkerMessage.parse(line[...]) else { return }
            switch parsed.event {
            case .started:
                slots[index].inFlight = parsed.index
                slots[index].inFlightSince = clock.now
            case .finished:
                slots[index].inFlight = nil
                slots[index].next = parsed.index + options.layout.stride
            case .stopped:
                break
            }
            engine.receive(parsed, executor: self)
        case .workerExited(let index, let generation, let exit):
            guard slots[index].generation == generation else { return }
            workerExited(index, exit: exit, engine)
        case .shrinkLine(let job, let line):
            jobs[job]?.lastLine = line
        case .shrinkExited(let id, let exit):
            guard let job = jobs.removeValue(forKey: id) else { return }
            if let line = job.lastLine, let record = WorkerProtocol.shrinkRecord(line: line) {
                engine.shrinkEnded(id, record: record, note: nil)
            } else {
                engine.shrinkEnded(id, record: nil, note: "the shrink process \(exit) before saving")
            }
        }
    }

    private func workerExited(_ index: Int, exit: ChildExit, _ engine: CampaignEngine) {
        var slot = slots[index]
        let stderrTail = slot.process?.stderrTail ?? ""
        slot.process = nil
        if let lost = slot.inFlight {
            // The sequence in flight crashed the worker or overran its time: that is its
            // failure, reported as the worker would have reported a failing sequence.
            let tail = ChildExit.lastLines(of: stderrTail, count: 6)
            let failure = Failure(
                property: .targetError, kind: slot.timedOut ? "timeout" : "crash", stepIndex: nil, stepKind: nil,
                details: (slot.timedOut
                    ? ["sequence \(lost) ran longer than \(Self.format(options.sequenceTimeout)) and was killed"]
                    : ["the worker running sequence \(lost) \(exit)"]) + tail)
            slot.inFlight = nil
            slot.next = lost + options.layout.stride
            slots[index] = slot
            engine.receive(WorkerMessage(event: .finished, index: lost, steps: 0, failure: failure), executor: self)
            startWorker(index, engine)
            return
        }
        if exit.isCleanExit || stopping {
            slot.done = true
        } else {
            // Died between sequences (bad spec, out of memory...): retry a few times, then give up.
            slot.failedStarts += 1
            if slot.failedStarts >= 3 {
                slot.done = true
                engine.reportUncounted(
                    Failure(
                        property: .targetError, kind: "worker-start", stepIndex: nil, stepKind: nil,
                        details: ["worker \(index) \(exit) three times without running a sequence"]
                            + ChildExit.lastLines(of: stderrTail, count: 6)),
                    index: slot.next)
            }
        }
        slots[index] = slot
        if !slot.done { startWorker(index, engine) }
    }

    private func checkTimeouts() {
        for index in slots.indices {
            guard let process = slots[index].process else { continue }
            guard slots[index].inFlight != nil, !slots[index].timedOut, let since = slots[index].inFlightSince else { continue }
            if CampaignEngine.seconds(clock.now - since) > options.sequenceTimeout {
                slots[index].timedOut = true
                process.send(SIGKILL)
            }
        }
    }

    // MARK: shrinking

    private func startQueuedShrinks(_ engine: CampaignEngine) {
        while !queue.isEmpty {
            let running = jobs.values.filter { $0.process != nil }.count
            if stopping {
                // No new shrinks once stopping: save what was found as it is.
                let id = queue.removeFirst()
                if jobs.removeValue(forKey: id) != nil {
                    engine.shrinkEnded(id, record: nil, note: "the campaign stopped before shrinking it")
                }
                continue
            }
            guard running < options.maxShrinks else { return }
            let id = queue.removeFirst()
            guard let job = jobs[id] else { continue }
            let spec = WorkerSpec(configuration: engine.configuration, start: job.request.index)
            let inbox = self.inbox
            do {
                jobs[id]?.process = try ChildProcess(
                    executable: options.commands.executable,
                    arguments: options.commands.shrinkArguments(
                        spec, index: job.request.index, failure: job.request.failure, sequenceTimeout: options.sequenceTimeout),
                    onLine: { inbox.put(.shrinkLine(job: id, line: $0)) },
                    onExit: { inbox.put(.shrinkExited(job: id, exit: $0)) })
            } catch {
                jobs.removeValue(forKey: id)
                engine.shrinkEnded(id, record: nil, note: "could not start a shrink process: \(error)")
            }
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

    /// Writes the state file (when there is one) and returns the state.
    @discardableResult
    func saveState(_ engine: CampaignEngine) -> CampaignState {
        let state = engine.state(
            layout: options.layout, nextIndices: nextIndices, finished: slots.allSatisfy { $0.done && $0.process == nil })
        if let url = options.stateURL { try? state.save(to: url) }
        return state
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : String(format: "%.1fs", seconds)
    }
}
