// The recordings of a real Felix v3.25.0 (shared/felix-traces) against k8sfv:
// - every frame decodes, and folding the frames gives, at every recorded step boundary, the
//   state Felix reported (boundaries.json `felix_state`);
// - conformance: at every boundary the oracle, run on the objects the API server held, equals
//   Felix's state, with the v3.25 differences declared in one place (LegacyFelix);
// - the live target's stream handling (relay, LiveStream, translation, comparison) run over
//   the same frames, as if that Felix were attached, reaches the same verdict.

import Calico
import FelixWire
import Foundation
@testable import Live
import Oracle
import Testing
@testable import Driver

@Suite(.enabled(if: FelixTrace.enabledOrCI, "shared/felix-traces is not beside the package root"))
struct FelixTraceConformanceTests {
    @Test func theRecordingsArePresent() {
        #expect(FelixTrace.names.count == 36, "expected s001-s036 in \(FelixTrace.directory.path)")
    }

    /// Folds frames (typed decode, legacy names normalised) onto a state that starts in sync
    /// (the recordings start after Felix's InSync).
    static func fold(_ frames: [Frame]) throws -> DataplaneState {
        var state = DataplaneState()
        state.inSync = true
        for frame in frames {
            let message = try frame.decodeToDataplane().payload
            if case .unmodelled = message { continue }
            try state.apply(LegacyFelix.normalisedNames(message))
        }
        return state
    }

    @Test(arguments: FelixTrace.names)
    func everyFrameDecodesBothWays(_ name: String) throws {
        let trace = try FelixTrace.load(name)
        #expect(!trace.frames.isEmpty)
        // The frames cover the file exactly: each starts where the last ended.
        var end = 0
        for frame in trace.frames {
            #expect(frame.offset == end)
            end = frame.payloadOffset + frame.payload.count
            _ = try frame.decodeToDataplane()
            let json = try frame.toDataplaneJSON()
            #expect(json.hasPrefix("{"))
        }
        #expect(end == trace.frameBytes.count)
        // A v3.25 stream shows its release in every policy it names (and nowhere else).
        let messages = try trace.frames.map { try $0.decodeToDataplane().payload }
        let namesPolicies = messages.contains {
            switch $0 {
            case .activePolicyUpdate, .activePolicyRemove: return true
            default: return false
            }
        }
        #expect(messages.contains(where: LegacyFelix.isLegacy) == namesPolicies)
    }

    @Test(arguments: FelixTrace.names)
    func foldingGivesTheRecordedFelixState(_ name: String) throws {
        let trace = try FelixTrace.load(name)
        for boundary in trace.boundaries {
            let folded = trace.restricted(try Self.fold(trace.frames(upTo: boundary.offset)))
            let recorded = RecordedFelixState(boundary.felixState)
            #expect(RecordedFelixState(folded) == recorded, "\(name) step \(boundary.step) (\(boundary.kind))")
        }
    }

    @Test(arguments: FelixTrace.names)
    func theOracleAgreesWithFelixAtEveryBoundary(_ name: String) throws {
        let trace = try FelixTrace.load(name)
        for boundary in trace.boundaries {
            #expect(boundary.agreedWithOracle, "\(name) step \(boundary.step) disagreed at recording time")
            let felix = trace.restricted(try Self.fold(trace.frames(upTo: boundary.offset)))
            let oracle = trace.restricted(Oracle.expectedState(of: boundary.snapshot, localHost: trace.localHost))
            let differences = LegacyFelix.comparable(felix).differences(from: LegacyFelix.comparable(oracle))
            #expect(differences.isEmpty, "\(name) step \(boundary.step) (\(boundary.kind)): \(differences.map(\.description))")
        }
    }

    @Test(arguments: FelixTrace.names)
    func theLiveStreamHandlingAgreesAtEveryBoundary(_ name: String) throws {
        let trace = try FelixTrace.load(name)
        let socket = NSTemporaryDirectory() + "k8sfv-trace-\(name)-\(getpid()).sock"
        let stream = try LiveStream(socketPath: socket)
        defer { stream.stop() }
        let client = RelayClient(socketPath: socket)
        let translation = LiveTranslation(naming: LiveNaming(runID: "trace"))
        // Felix's InSync came before the cut; send one, numbered just before the first frame.
        let first = try trace.frames[0].decodeToDataplane().sequenceNumber
        client.send(FrameFormat.frame(ToDataplane(sequenceNumber: first - 1, payload: .inSync).serializedBytes()))
        var sent = 0
        var relayed = 1
        // What the runner rebuilds from the messages flush would hand it.
        var runnerState = DataplaneState()
        for boundary in trace.boundaries {
            let frames = trace.frames(upTo: boundary.offset)
            for frame in frames[sent...] { client.send(frame.wireBytes) }
            relayed += frames.count - sent
            sent = frames.count
            var rounds = 0
            while stream.framesSeen < relayed && rounds < 2_000 {
                stream.pump(translation, timeout: 0.05)
                rounds += 1
            }
            #expect(stream.framesSeen == relayed)
            #expect(stream.problems.isEmpty, "\(stream.problems)")
            #expect(stream.violation == nil)
            let expected = Oracle.expectedState(of: boundary.snapshot, localHost: trace.localHost)
            let differences = LiveTarget.differences(stream, expected)
            #expect(differences.isEmpty, "\(name) step \(boundary.step) (\(boundary.kind)): \(differences.map(\.description))")
            for message in stream.take() {
                try runnerState.apply(stream.isLegacy ? LegacyFelix.completed(message, from: expected) : message)
            }
            let runnerDifferences = runnerState.differences(from: expected)
            #expect(runnerDifferences.isEmpty, "\(name) step \(boundary.step): \(runnerDifferences.map(\.description))")
        }
        _ = client.finish(timeout: 5)
    }
}

/// A recorded or folded state reduced to what both carry, in v3.25's own spelling: IP sets
/// (type, members), policy keys `tier|<ns>/knp.default.<name>` with their namespace and rule
/// actions, profiles with their rule actions, endpoints with name, profiles, nets and tiers.
struct RecordedFelixState: Equatable, CustomStringConvertible {
    var ipSets: [String: String] = [:]
    var policies: [String: String] = [:]
    var profiles: [String: String] = [:]
    var endpoints: [String: String] = [:]

    var description: String {
        "ipSets \(ipSets.sorted { $0.key < $1.key })\npolicies \(policies.sorted { $0.key < $1.key })\nprofiles \(profiles.sorted { $0.key < $1.key })\nendpoints \(endpoints.sorted { $0.key < $1.key })"
    }

    private static func actions(_ rules: Any?) -> String {
        ((rules as? [[String: Any]]) ?? []).map { ($0["action"] as? String) ?? "" }.joined(separator: ",")
    }

    init(_ json: [String: Any]) {
        for (id, value) in json["ipsets"] as? [String: [String: Any]] ?? [:] {
            let members = ((value["members"] as? [String]) ?? []).sorted().joined(separator: " ")
            ipSets[id] = "\(value["type"] as? String ?? "IP") [\(members)]"
        }
        for (key, value) in json["policies"] as? [String: [String: Any]] ?? [:] {
            policies[key] = "\(value["namespace"] as? String ?? "") in:\(Self.actions(value["inbound_rules"])) out:\(Self.actions(value["outbound_rules"]))"
        }
        for (key, value) in json["profiles"] as? [String: [String: Any]] ?? [:] {
            profiles[key] = "in:\(Self.actions(value["inbound_rules"])) out:\(Self.actions(value["outbound_rules"]))"
        }
        for (key, value) in json["endpoints"] as? [String: [String: Any]] ?? [:] {
            let tiers = ((value["tiers"] as? [[String: Any]]) ?? []).map { tier in
                "\(tier["name"] as? String ?? "")(\(((tier["ingress_policies"] as? [String]) ?? []).joined(separator: ","))|\(((tier["egress_policies"] as? [String]) ?? []).joined(separator: ",")))"
            }
            endpoints[key] = [
                value["name"] as? String ?? "", ((value["profile_ids"] as? [String]) ?? []).joined(separator: ","),
                ((value["ipv4_nets"] as? [String]) ?? []).joined(separator: ","),
                ((value["ipv6_nets"] as? [String]) ?? []).joined(separator: ","), tiers.joined(separator: ";"),
            ].joined(separator: " ")
        }
    }

    /// The same summary of a folded state, with names turned back into v3.25's spelling.
    init(_ state: DataplaneState) {
        func legacyName(_ id: PolicyID) -> String { "\(id.namespace)/knp.default.\(id.name)" }
        func actions(_ rules: [Rule]) -> String { rules.map(\.action).joined(separator: ",") }
        for (id, set) in state.ipSets {
            let type: String
            switch set.type {
            case .ip: type = "IP"
            case .ipAndPort: type = "IP_AND_PORT"
            case .net: type = "NET"
            }
            ipSets[id] = "\(type) [\(set.members.sorted().joined(separator: " "))]"
        }
        for (id, policy) in state.policies {
            policies["\(policy.tier)|\(legacyName(id))"] = "\(policy.namespace) in:\(actions(policy.inboundRules)) out:\(actions(policy.outboundRules))"
        }
        for (id, profile) in state.profiles {
            profiles[id.name] = "in:\(actions(profile.inboundRules)) out:\(actions(profile.outboundRules))"
        }
        for (id, endpoint) in state.endpoints {
            let tiers = endpoint.tiers.map { tier in
                "\(tier.name)(\(tier.ingressPolicies.map(legacyName).joined(separator: ","))|\(tier.egressPolicies.map(legacyName).joined(separator: ",")))"
            }
            endpoints[id.description] = [
                endpoint.name, endpoint.profileIDs.joined(separator: ","), endpoint.ipv4Nets.joined(separator: ","),
                endpoint.ipv6Nets.joined(separator: ","), tiers.joined(separator: ";"),
            ].joined(separator: " ")
        }
    }
}
