// The live target's own failure kinds, with a hand-fed relay instead of Felix: a frame that
// does not decode is felix-stream-corrupt; no frame at all for a whole deadline after writes
// that change the dataplane is felix-silent; both name the step.

import Calico
import FelixWire
import Foundation
import KubeClient
import KubeStandIn
@testable import Live
import Testing
@testable import Driver

@Suite(.serialized) struct LiveFailureKindTests {
    /// A begun, in-sync LiveTarget whose relay is fed by `client`.
    static func target(_ standIn: KubeStandIn, name: String) throws -> (LiveTarget, RelayClient) {
        let socket = LivePathSupport.temporaryDirectory(name).appendingPathComponent("relay.sock").path
        let target = try LiveTarget(configuration: LiveTarget.Configuration(
            client: try KubeClient(loopback: standIn.baseURL), runID: name, relaySocketPath: socket,
            convergenceDeadline: 1, settleTime: 0.01, quietLimit: nil, cleanupDeadline: 1))
        try target.listen()
        let client = RelayClient(socketPath: socket, retryInterval: 0.02, journal: StreamJournal())
        client.send(FrameFormat.frame(ToDataplane(sequenceNumber: 0, payload: .inSync).serializedBytes()))
        try target.begin(localHost: "host-0")
        try target.apply([])
        try target.markInSync()
        return (target, client)
    }

    static let expected: DataplaneState = {
        var state = DataplaneState()
        state.inSync = true
        state.ipSets["s:x"] = IPSetState(type: .net, members: ["10.0.0.1/32"])
        return state
    }()

    @Test func aFrameThatDoesNotDecodeIsFelixStreamCorrupt() async throws {
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let failure = try await LivePathSupport.onThread { () -> Failure? in
            let (target, client) = try Self.target(standIn, name: "corrupt")
            defer { target.close(); _ = client.finish(timeout: 2) }
            client.send(FrameFormat.frame([0x0A, 0x05, 0x01]))  // a field that runs past its message
            do { _ = try target.flush(expecting: Self.expected); return nil } catch let reported as TargetReportedFailure { return reported.failure }
        }
        let reported = try #require(failure)
        #expect(reported.kind == "felix-stream-corrupt")
        #expect(reported.property == .targetError)
        #expect(reported.details.joined().contains("does not decode"))
    }

    @Test func noFrameForAWholeDeadlineIsFelixSilent() async throws {
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let failure = try await LivePathSupport.onThread { () -> Failure? in
            let (target, client) = try Self.target(standIn, name: "silent")
            defer { target.close(); _ = client.finish(timeout: 2) }
            do { _ = try target.flush(expecting: Self.expected); return nil } catch let reported as TargetReportedFailure { return reported.failure }
        }
        let reported = try #require(failure)
        #expect(reported.kind == "felix-silent")
        #expect(reported.details.joined().contains("ipset"))
    }
}
