// The dataplane driver's journal (StreamJournal): what a client joining late gets, how it is
// numbered, and that a Felix restart starts it again; and a relay client in journal mode
// greets its first connection with Felix's frames since its start, and each later one with
// the state so far.

import Calico
import Foundation
import Testing
@testable import FelixWire

@Suite struct StreamJournalTests {
    static func frame(_ sequence: UInt64, _ message: FelixMessage) -> [UInt8] {
        FrameFormat.frame(ToDataplane(sequenceNumber: sequence, payload: message).serializedBytes())
    }

    static let felixStream: [[UInt8]] = [
        frame(0, .unmodelled(field: 13)),
        frame(1, .ipSetUpdate(IPSetUpdate(id: "s:a", members: ["10.0.0.1/32"], type: .net))),
        frame(2, .ipSetDeltaUpdate(IPSetDeltaUpdate(id: "s:a", addedMembers: ["10.0.0.2/32"], removedMembers: ["10.0.0.1/32"]))),
        frame(3, .activeProfileUpdate(id: ProfileID(name: "kns.a"), profile: Profile(inboundRules: [Rule(action: "allow")]))),
        frame(4, .inSync),
        frame(5, .ipSetUpdate(IPSetUpdate(id: "s:b", members: [], type: .ip))),
        frame(6, .ipSetRemove(id: "s:b")),
    ]

    @Test func aLateClientGetsTheStateNumberedUpToFelixsLastFrame() throws {
        var journal = StreamJournal(epoch: "e1")
        for frame in Self.felixStream { journal.record(Array(frame.dropFirst(FrameFormat.headerSize))) }
        let joining = journal.joiningFrames()
        #expect(StreamJournal.greetingEpoch(Array(joining[0].dropFirst(FrameFormat.headerSize))) == "e1")
        let messages = try joining.dropFirst().map { try ToDataplane.decode(Array($0.dropFirst(FrameFormat.headerSize))) }
        #expect(messages.map(\.payload) == [
            .inSync,
            .ipSetUpdate(IPSetUpdate(id: "s:a", members: ["10.0.0.2/32"], type: .net)),
            .activeProfileUpdate(id: ProfileID(name: "kns.a"), profile: Profile(inboundRules: [Rule(action: "allow")])),
        ])
        #expect(messages.map(\.sequenceNumber) == [4, 5, 6])  // Felix's next frame is 7
        // Not a greeting: an ordinary frame.
        #expect(StreamJournal.greetingEpoch(Array(Self.felixStream[1].dropFirst(FrameFormat.headerSize))) == nil)
    }

    @Test func felixStartingAgainEmptiesTheJournal() {
        var journal = StreamJournal()
        for frame in Self.felixStream { journal.record(Array(frame.dropFirst(FrameFormat.headerSize))) }
        journal.record(ToDataplane(sequenceNumber: 0, payload: .unmodelled(field: 13)).serializedBytes())
        #expect(journal.state == DataplaneState())
        #expect(journal.lastSequence == 0)
    }

    @Test func everyConnectionOpensWithTheGreetingAndState() throws {
        let path = PipeSupport.socketPath()
        let client = RelayClient(socketPath: path, retryInterval: 0.02, journal: StreamJournal(epoch: "e2"))
        for frame in Self.felixStream { client.send(frame) }
        // Nobody listens yet; the first listener gets the greeting and then the history, every
        // frame as Felix sent it (flush boundaries and config_update included).
        let first = try RelayServer(socketPath: path)
        let received = first.frames(count: 1 + Self.felixStream.count, timeout: 10)
        #expect(received.count == 1 + Self.felixStream.count)
        #expect(StreamJournal.greetingEpoch(received[0].frame.payload) == "e2")
        #expect(received.dropFirst().map { $0.frame.payload } == Self.felixStream.map { Array($0.dropFirst(FrameFormat.headerSize)) })
        first.stop()
        // A second listener, later, gets the greeting and the state instead; with no new frame from Felix: greeted again at once.
        let second = try RelayServer(socketPath: path)
        defer { second.stop() }
        let again = second.frames(count: 4, timeout: 10)
        #expect(again.count == 4)
        #expect(StreamJournal.greetingEpoch(again[0].frame.payload) == "e2")
        #expect(try again[1].message.get().payload == .inSync)
        client.send(Self.frame(7, .ipSetRemove(id: "s:a")))
        let live = second.frames(count: 1, timeout: 10)
        #expect(try live.first?.message.get().sequenceNumber == 7)
        _ = client.finish(timeout: 5)
    }
}
