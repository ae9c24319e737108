// What a k8sfv process joining a running Felix needs: the dataplane state since Felix's last
// start, kept by the dataplane driver so any number of k8sfv commands can run, one after
// another, against one Felix (a real Felix writes every frame once; a client that connects
// later would get nothing of what came before: shared/spec/felix-live.md §8.3).
//
// On each new relay connection the driver sends, instead of what it had queued:
//   1. a greeting frame (payload field 1000, unknown to Felix's schema) naming this driver's
//      epoch, a random ID made when it started: the same epoch means "same Felix, rejoined",
//      a new one means Felix (and so its driver) started again;
//   2. the state as messages (InSync if Felix sent it, IP sets, policies, profiles, endpoints),
//      numbered so the next live frame follows without a gap;
//   3. then the live frames.
// Memory: one copy of Felix's current calc-graph output, not the frame history: per local
// endpoint its WorkloadEndpoint (IDs, interface name, profile IDs, nets, tier lists), per
// active policy its rules, per IP set its members (up to one per endpoint in the cluster, local
// or remote). For N endpoints that is O(N + P·R + Σ|IP set|), whatever the campaign's length.
// The fold is lenient (a stream that breaks a guarantee still folds), because judging Felix is
// the live target's job, not the driver's.

import Calico
import Foundation

public struct StreamJournal: Sendable {
    /// The greeting's payload field: above every field Felix's schema uses.
    public static let greetingField = 1000

    public let epoch: String
    public private(set) var state = DataplaneState()
    /// Felix's last sequence number (nil before its first frame).
    public private(set) var lastSequence: UInt64?
    public private(set) var framesRecorded = 0

    public init(epoch: String = UUID().uuidString) { self.epoch = epoch }

    /// Folds one frame's payload (as Felix sent it). Sequence 0 after earlier frames means
    /// Felix started again: the state restarts empty.
    public mutating func record(_ payload: [UInt8]) {
        framesRecorded += 1
        guard let message = try? ToDataplane.decode(payload) else { return }
        if message.sequenceNumber == 0 && lastSequence != nil { state = DataplaneState() }
        lastSequence = message.sequenceNumber
        fold(message.payload)
    }

    private mutating func fold(_ message: FelixMessage) {
        switch message {
        case .inSync: state.inSync = true
        case .ipSetUpdate(let update): state.ipSets[update.id] = IPSetState(type: update.type, members: Set(update.members))
        case .ipSetDeltaUpdate(let delta):
            var set = state.ipSets[delta.id] ?? IPSetState(type: .ip, members: [])
            set.members.subtract(delta.removedMembers)
            set.members.formUnion(delta.addedMembers)
            state.ipSets[delta.id] = set
        case .ipSetRemove(let id): state.ipSets[id] = nil
        case .activePolicyUpdate(let id, let policy): state.policies[id] = policy
        case .activePolicyRemove(let id): state.policies[id] = nil
        case .activeProfileUpdate(let id, let profile): state.profiles[id] = profile
        case .activeProfileRemove(let id): state.profiles[id] = nil
        case .workloadEndpointUpdate(let id, let endpoint): state.endpoints[id] = endpoint
        case .workloadEndpointRemove(let id): state.endpoints[id] = nil
        case .unmodelled: break
        }
    }

    /// The state as messages, in an order that keeps every stream guarantee.
    public var stateMessages: [FelixMessage] { state.rebuildingMessages }

    /// The frames a newly connected client gets first: the greeting, then the state, numbered
    /// up to Felix's last sequence number so the next live frame follows on.
    public func joiningFrames() -> [[UInt8]] {
        let messages = stateMessages
        let last = lastSequence ?? 0
        let first = last >= UInt64(messages.count) ? last + 1 - UInt64(messages.count) : 0
        var frames = [FrameFormat.frame(Self.greeting(epoch: epoch, sequence: first == 0 ? 0 : first - 1))]
        for (offset, message) in messages.enumerated() {
            frames.append(FrameFormat.frame(ToDataplane(sequenceNumber: first + UInt64(offset), payload: message).serializedBytes()))
        }
        return frames
    }

    /// `ToDataplane { sequence_number = 15; <greetingField> { string epoch = 1; } }`.
    public static func greeting(epoch: String, sequence: UInt64) -> [UInt8] {
        var writer = ProtoWriter()
        writer.writeUInt64(ToDataplane.sequenceNumberField, sequence)
        writer.writeMessage(greetingField) { $0.writeString(1, epoch) }
        return writer.bytes
    }

    /// The epoch of a greeting frame's payload, or nil when it is not a greeting.
    public static func greetingEpoch(_ payload: [UInt8]) -> String? {
        var reader = ProtoReader(payload)
        var epoch: String?
        while !reader.isAtEnd {
            guard let field = try? reader.nextField() else { return nil }
            if field.number == greetingField, var inner = try? reader.message(field) {
                while !inner.isAtEnd {
                    guard let innerField = try? inner.nextField() else { return nil }
                    if innerField.number == 1 { epoch = try? inner.string(innerField) } else { try? inner.skip(innerField) }
                }
            } else if (try? reader.skip(field)) == nil {
                return nil
            }
        }
        return epoch
    }
}
