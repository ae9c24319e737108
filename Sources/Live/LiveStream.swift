// The live target's view of Felix's output: frames relayed by `k8sfv dataplane-driver`,
// decoded, translated into scenario names and applied to a rebuilt dataplane state.
// Takes: a RelayServer and the current translation. Gives: the state as Felix has it now,
// the modelled messages since the last `take()`, and anything wrong with the stream itself
// (undecodable frames, sequence gaps) as problems. Cost: one decode and translation per frame.

import Calico
import Driver
import FelixWire
import Foundation

final class LiveStream {
    let relay: RelayServer
    /// Felix's dataplane as rebuilt from the whole stream, in scenario names.
    private(set) var state = DataplaneState()
    private var received: [FelixMessage] = []
    /// The first stream guarantee Felix broke (the runner reports it when it replays the messages).
    private(set) var violation: StreamViolation?
    /// Problems of the transport: frames that do not decode, lost frames.
    private(set) var problems: [String] = []
    /// Times Felix started again: a new driver epoch (StreamJournal greeting), or, from a
    /// driver without greetings, sequence number 0 after other frames.
    private(set) var restarts = 0
    /// Times this process (re)joined the driver's stream and got Felix's state from it.
    private(set) var joins = 0
    /// The driver's epoch from its last greeting.
    private(set) var epoch: String?
    private(set) var framesSeen = 0
    private(set) var lastMessageAt: ContinuousClock.Instant?
    /// Whether Felix is a release before v3.32 (seen from its messages: LegacyFelix).
    private(set) var isLegacy = false
    private var lastSequence: UInt64?
    /// Where in `received` felix-sim's config_update closed its pre-sync flush.
    private var startOfDayAt: Int?

    init(socketPath: String) throws {
        do {
            relay = try RelayServer(socketPath: socketPath)
        } catch {
            throw TargetError("cannot listen for the dataplane driver on \(socketPath): \(error)")
        }
    }

    func stop() { relay.stop() }

    /// Takes every event that arrives within `timeout` (at least the ones already queued).
    /// Returns how many modelled messages arrived.
    @discardableResult
    func pump(_ translation: LiveTranslation, timeout: Double) -> Int {
        var count = 0
        var wait = max(0, timeout)
        while let event = relay.next(timeout: wait) {
            wait = 0  // after the first event, only take what is already queued
            switch event {
            case .frame(let relayed):
                framesSeen += 1
                switch relayed.message {
                case .failure(let error):
                    problems.append("relayed frame \(framesSeen) does not decode: \(error)")
                case .success(let envelope):
                    if let greeting = StreamJournal.greetingEpoch(relayed.frame.payload) {
                        join(epoch: greeting)
                        continue
                    }
                    track(envelope.sequenceNumber)
                    if case .unmodelled(let field) = envelope.payload {
                        if field == FelixSim.configUpdateField { startOfDayAt = received.count }
                        continue
                    }
                    if !isLegacy && LegacyFelix.isLegacy(envelope.payload) { isLegacy = true }
                    let message = translation.message(envelope.payload)
                    received.append(message)
                    count += 1
                    lastMessageAt = ContinuousClock.now
                    do {
                        try state.apply(message)
                    } catch {
                        if violation == nil { violation = error }
                    }
                }
            case .streamError(let connection, let error):
                problems.append("relay connection \(connection) broke mid-frame: \(error)")
            case .connectionClosed:
                break  // the driver reconnects; sequence numbers show whether anything was lost
            }
        }
        return count
    }

    /// A greeting opens each relay connection, and Felix's whole state follows it, so the
    /// rebuilt state starts again from nothing. A new epoch means a new driver: Felix restarted.
    private func join(epoch greeting: String) {
        if let epoch, epoch != greeting { restarts += 1 }
        epoch = greeting
        joins += 1
        state = DataplaneState()
        received = []
        startOfDayAt = nil
        lastSequence = nil
    }

    /// Sequence numbers go up by one from 0 (felix/dataplane/external/ext_dataplane.go); a
    /// new 0 means Felix started again, any other jump means frames were lost.
    private func track(_ sequence: UInt64) {
        defer { lastSequence = sequence }
        if sequence == 0 {
            if lastSequence != nil {
                restarts += 1
                state = DataplaneState()
                received = []
                startOfDayAt = nil
            }
            return
        }
        if let last = lastSequence, sequence != last &+ 1 {
            problems.append("Felix's stream jumped from sequence number \(last) to \(sequence): frames were lost")
        }
    }

    /// The modelled messages since the last call.
    func take() -> [FelixMessage] {
        defer { received = []; startOfDayAt = nil }
        return received
    }

    /// What a freshly started felix-sim sent in its pre-sync flush: the messages up to its
    /// config_update marker (FelixSim), or, without one, up to the first InSync. The rest stays
    /// for the next `take()`.
    func takeBeforeInSync() -> [FelixMessage] {
        let inSyncAt = received.firstIndex(of: .inSync) ?? received.endIndex
        let end = min(startOfDayAt ?? inSyncAt, inSyncAt)
        defer { received.removeSubrange(..<end); startOfDayAt = nil }
        return Array(received[..<end])
    }

    /// Starts again from nothing, for a Felix that was stopped and will start afresh: its
    /// state, unread messages and sequence numbers go; the next greeting is no restart.
    func forgetFelix() {
        state = DataplaneState()
        received = []
        startOfDayAt = nil
        lastSequence = nil
        epoch = nil
        violation = nil
    }

    /// Forgets problems and the violation once reported.
    func clearProblems() {
        problems = []
        violation = nil
    }
}
