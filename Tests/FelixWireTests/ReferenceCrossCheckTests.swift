// Cross-checks the hand-written codec and JSON mapping against protoc-generated Python code
// for the real felixbackend.proto (the reference implementation).

import Calico
import Foundation
import Testing
@testable import FelixWire

@Suite(.serialized) struct ReferenceCrossCheckTests {
    /// Writes the script and compiles the proto; fails with the install hint if tools are missing.
    private func prepare() throws -> (directory: URL, script: URL)? {
        guard ReferenceTools.available else {
            Issue.record("reference tools missing in CI: \(ReferenceTools.installHint)")
            return nil
        }
        let directory = try ReferenceTools.compileProto()
        let script = directory.appendingPathComponent("reference.py")
        try ReferenceScript.source.write(to: script, atomically: true, encoding: .utf8)
        return (directory, script)
    }

    private func sortedJSON(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test(.enabled(if: ReferenceTools.enabledOrCI, "skipped: \(ReferenceTools.installHint)"))
    func swiftEncodingMatchesTheReference() throws {
        guard let (directory, script) = try prepare() else { return }
        defer { try? FileManager.default.removeItem(at: directory) }
        let messages = SampleMessages.messages(count: 400, seed: 2024)
        let framesFile = directory.appendingPathComponent("swift.frames")
        let jsonFile = directory.appendingPathComponent("swift.jsonl")
        try Data(messages.flatMap { FrameFormat.frame($0.serializedBytes()) }).write(to: framesFile)
        try messages.map(\.canonicalJSON).joined(separator: "\n").write(to: jsonFile, atomically: true, encoding: .utf8)

        let result = try ReferenceTools.run(ReferenceTools.python, [script.path, directory.path, "check", framesFile.path, jsonFile.path])
        try #require(result.status == 0, "python failed: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == messages.count)
        for (message, line) in zip(messages, lines) {
            let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let ours = hex(message.serializedBytes())
            // (a) Python parses our bytes and re-serialises them to the very same bytes.
            #expect(report["reserialised"] as? String == ours, "\(message.canonicalJSON)")
            // Python's canonical JSON of our bytes equals our JSON, field by field.
            let theirs = try sortedJSON(report["dict"] as Any)
            let mine = try sortedJSON(try JSONSerialization.jsonObject(with: Data(message.canonicalJSON.utf8)))
            #expect(theirs == mine)
            // Python's JSON parser reads our JSON back to our bytes (names and value forms are canonical).
            #expect(report["fromOurJSON"] as? String == ours)
        }
    }

    @Test(.enabled(if: ReferenceTools.enabledOrCI, "skipped: \(ReferenceTools.installHint)"))
    func referenceEncodingDecodesToTheExpectedValues() throws {
        guard let (directory, script) = try prepare() else { return }
        defer { try? FileManager.default.removeItem(at: directory) }
        let framesFile = directory.appendingPathComponent("python.frames")
        let result = try ReferenceTools.run(ReferenceTools.python, [script.path, directory.path, "build", framesFile.path])
        try #require(result.status == 0, "python failed: \(result.stderr)")
        let bytes = [UInt8](try Data(contentsOf: framesFile))
        var decoder = FrameDecoder()
        decoder.append(bytes)
        var decoded: [ToDataplane] = []
        var firstPayload: [UInt8] = []
        let pythonDicts = result.stdout.split(separator: "\n")
        while let frame = try decoder.nextFrame() {
            if decoded.isEmpty { firstPayload = frame.payload }
            // Our JSON of Python's bytes equals Python's MessageToDict, unmodelled payloads included.
            if decoded.count < pythonDicts.count {
                let theirs = try sortedJSON(try JSONSerialization.jsonObject(with: Data(pythonDicts[decoded.count].utf8)))
                let mine = try sortedJSON(try JSONSerialization.jsonObject(with: Data(try frame.toDataplaneJSON().utf8)))
                #expect(theirs == mine, "frame \(decoded.count)")
            }
            decoded.append(try frame.decodeToDataplane())
        }
        try decoder.finish()
        #expect(pythonDicts.count == decoded.count)
        #expect(!firstPayload.contains(0x78), "sequence number 0 must be absent (no tag 0x78)")
        let expected = Self.expectedFromPython
        try #require(decoded.count == expected.count)
        for (index, (got, want)) in zip(decoded, expected).enumerated() {
            #expect(got == want, "message \(index)")
        }
    }

    /// What the Python `build` mode writes, as k8sfv values (unmodelled fields dropped).
    static var expectedFromPython: [ToDataplane] {
        var inbound = Rule(action: "allow")
        inbound.ipVersion = .ipv4
        inbound.protocol = .name("tcp")
        inbound.dstPorts = [PortRange(80), PortRange(first: 8000, last: 8080)]
        inbound.srcIPSetIDs = ["s:a"]
        inbound.dstNamedPortIPSetIDs = ["n:b"]
        inbound.originalSrcSelector = "app == 'x'"
        inbound.ruleID = "r1"
        inbound.icmp = ICMPMatch(type: 3)
        var outbound = Rule(action: "deny")
        outbound.notProtocol = .number(17)
        outbound.notDstPorts = [PortRange(53)]
        outbound.notSrcNet = ["10.0.0.0/8"]
        var policy = Policy()
        policy.namespace = "prod"
        policy.tier = "default"
        policy.originalSelector = "projectcalico.org/orchestrator == 'k8s'"
        policy.inboundRules = [inbound]
        policy.outboundRules = [outbound]
        let policyID = PolicyID(name: "np", namespace: "prod", kind: "KubernetesNetworkPolicy")
        var emptyEndpoint = WorkloadEndpoint()
        emptyEndpoint.state = ""
        var icmpRule = Rule(action: "allow")  // its HTTP and metadata matches are not modelled
        icmpRule.icmp = ICMPMatch(type: 8, code: 0)
        icmpRule.notICMP = ICMPMatch(type: 0)
        icmpRule.srcServiceAccountMatch = ServiceAccountMatch(selector: "role == \"x\"", names: ["sa"])
        var icmpPolicy = Policy()
        icmpPolicy.inboundRules = [icmpRule]
        var endpoint = WorkloadEndpoint()
        endpoint.state = "active"
        endpoint.name = "cali0123456789a"
        endpoint.profileIDs = ["kns.prod", "ksa.prod.default"]
        endpoint.ipv4Nets = ["10.0.0.5/32"]
        endpoint.tiers = [TierInfo(name: "default", ingressPolicies: [policyID], defaultAction: "Deny")]
        endpoint.annotations = ["a": "b", "c": ""]
        let endpointID = WorkloadEndpointID(workloadID: "prod/pod-1")
        let allow = Rule(action: "allow")
        return [
            ToDataplane(sequenceNumber: 0, payload: .ipSetUpdate(IPSetUpdate(id: "s:abc", members: ["10.0.0.1/32", "10.0.0.2/32"], type: .net))),
            ToDataplane(sequenceNumber: 1, payload: .ipSetDeltaUpdate(IPSetDeltaUpdate(id: "s:abc", addedMembers: ["10.0.0.3/32"], removedMembers: ["10.0.0.1/32"]))),
            ToDataplane(sequenceNumber: 2, payload: .ipSetRemove(id: "s:old")),
            ToDataplane(sequenceNumber: 3, payload: .activeProfileUpdate(id: ProfileID(name: "kns.prod"), profile: Profile(inboundRules: [allow], outboundRules: [allow]))),
            ToDataplane(sequenceNumber: 4, payload: .activePolicyUpdate(id: policyID, policy: policy)),
            ToDataplane(sequenceNumber: 5, payload: .workloadEndpointUpdate(id: endpointID, endpoint: endpoint)),
            ToDataplane(sequenceNumber: 6, payload: .workloadEndpointRemove(id: endpointID)),
            ToDataplane(sequenceNumber: 7, payload: .activePolicyRemove(id: policyID)),
            ToDataplane(sequenceNumber: 8, payload: .activeProfileRemove(id: ProfileID(name: "kns.prod"))),
            ToDataplane(sequenceNumber: 9, payload: .unmodelled(field: 13)),
            ToDataplane(sequenceNumber: 10, payload: .unmodelled(field: 21)),
            ToDataplane(sequenceNumber: 11, payload: .inSync),
            ToDataplane(sequenceNumber: 12, payload: .ipSetRemove(id: "x")),
            ToDataplane(sequenceNumber: 1 << 63, payload: .unmodelled(field: 23)),
            ToDataplane(sequenceNumber: UInt64.max, payload: .inSync),
            ToDataplane(sequenceNumber: 20, payload: .unmodelled(field: 13)),
            ToDataplane(sequenceNumber: 21, payload: .unmodelled(field: 14)),
            ToDataplane(sequenceNumber: 22, payload: .unmodelled(field: 23)),
            ToDataplane(sequenceNumber: 23, payload: .unmodelled(field: 31)),
            ToDataplane(sequenceNumber: 24, payload: .unmodelled(field: 9)),
            ToDataplane(sequenceNumber: 25, payload: .unmodelled(field: 30)),
            ToDataplane(sequenceNumber: 26, payload: .workloadEndpointUpdate(
                id: WorkloadEndpointID(orchestratorID: "", workloadID: "", endpointID: ""), endpoint: emptyEndpoint)),
            ToDataplane(sequenceNumber: 27, payload: .activePolicyUpdate(
                id: PolicyID(name: "", namespace: "", kind: ""), policy: icmpPolicy)),
            ToDataplane(sequenceNumber: 28, payload: .unmodelled(field: 33)),
        ]
    }
}
