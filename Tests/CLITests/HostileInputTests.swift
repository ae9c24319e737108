import Campaign
import Driver
import Foundation
import Testing
@testable import K8sfvCLI

/// Issue 12's crashes, traversal, limits, silent failures and misleading messages: one test
/// per item, each a case the issue reported, each refused with exit 2 and a message naming
/// the file, the field, what was found and what was expected.
@Suite struct HostileInputTests {
    typealias H = HostileInput

    func resume(_ edit: (inout [String: Any]) -> Void) throws -> (code: Int32, out: String, err: String, written: [String]) {
        let directory = try H.scratch("state")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("state.json")
        try H.state(in: directory).save(to: url)
        try H.write(try Data(contentsOf: url), to: url, editing: edit)
        let result = H.run(["fuzz", "--resume", url.path])
        return (result.code, result.out, result.err, H.listing(directory))
    }

    /// Item 6: negative or huge indices in a state are refused, naming the field.
    @Test(arguments: [-1, Int.max - 3, 1 << 62, 13])
    func stateIndicesOutOfRange(_ index: Int) throws {
        let result = try resume { $0["nextIndices"] = [index, 11] }
        #expect(result.code == 2)
        #expect(result.err.contains("field \"nextIndices[0]\" is \(index)"), "\(result.err)")
        #expect(result.written == ["state.json"])
    }

    /// Item 10: every field of a state is checked like the command line; nothing replaced.
    @Test(arguments: [
        ("elapsed", "-1000", "field \"elapsed\" is -1000"),
        ("seed", #""abc""#, "field \"seed\" is \"abc\""),
        ("seed", #""18446744073709551616""#, "field \"seed\""),
        ("workers", "0", "field \"workers\" is 0"),
        ("workers", "2000", "field \"workers\" is 2000"),
        ("shard", "3", "field \"shard\" is 3"),
        ("scale", #""huge""#, "field \"scale\" is \"huge\""),
        ("target", #""cloud""#, "field \"target\" is \"cloud\""),
        ("injections", #"["noSuchBug"]"#, "field \"injections[0]\" is \"noSuchBug\""),
        ("timeLimit", "-5", "field \"timeLimit\" is -5"),
        ("sequenceLimit", "0", "field \"sequenceLimit\" is 0"),
        ("version", "0", "field \"version\""),
        ("workers", #""2""#, "workers"),
    ])
    func stateFieldsAreValidated(_ field: String, _ json: String, _ expected: String) throws {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        let result = try resume { $0[field] = value }
        #expect(result.code == 2)
        #expect(result.err.contains(expected), "\(result.err)")
        #expect(!result.err.contains("resuming"), "refused before the banner")
    }

    /// Item 9: an id that is not the scenario's hash is refused by every command that loads
    /// a reproducer, and nothing is written (merge's path traversal was `/../ESCAPED`).
    @Test(arguments: ["/../ESCAPED", "0000000000ab", "0CCC8C3142DA", "0ccc8c3142da\nrm -rf /"])
    func idMustBeTheScenarioHash(_ id: String) throws {
        let root = try H.scratch("id")
        defer { try? FileManager.default.removeItem(at: root) }
        let shard = root.appendingPathComponent("shard")
        try FileManager.default.createDirectory(at: shard, withIntermediateDirectories: true)
        let file = shard.appendingPathComponent("bad.json")
        try H.write(try H.sampleReproducer(), to: file) { $0["id"] = id }
        let before = H.listing(root)
        for arguments in [
            ["replay", file.path], ["shrink", file.path], ["export", file.path, "--kubectl", "--out", root.appendingPathComponent("x.sh").path],
            ["merge", shard.path, "--out", root.appendingPathComponent("merged").path],
        ] {
            let result = H.run(arguments)
            #expect(result.code == 2, "\(arguments[0])")
            #expect(result.err.contains("field \"id\""), "\(arguments[0]): \(result.err)")
            #expect(result.err.contains("the scenario's hash is \"0ccc8c3142da\""), "\(arguments[0]): \(result.err)")
        }
        #expect(H.listing(root) == before)
        #expect(!FileManager.default.fileExists(atPath: root.deletingLastPathComponent().appendingPathComponent("ESCAPED.json").path))
    }

    /// Item 11: convert refuses policies past its documented limits.
    @Test func convertRefusesPoliciesPastItsLimits() throws {
        let directory = try H.scratch("convert")
        defer { try? FileManager.default.removeItem(at: directory) }
        let rule = #"{"from":[{"podSelector":{}}]}"#
        let many = Array(repeating: rule, count: ConvertCommand.maximumRules + 1).joined(separator: ",")
        let policy = #"{"kind":"NetworkPolicy","metadata":{"name":"p","namespace":"n"},"spec":{"podSelector":{},"ingress":["# + many + "]}}"
        let file = directory.appendingPathComponent("many.json")
        try Data(policy.utf8).write(to: file)
        let result = H.run(["convert", file.path])
        #expect(result.code == 2)
        #expect(result.err.contains("\(ConvertCommand.maximumRules + 1) rules, more than the limit of \(ConvertCommand.maximumRules)"))
        let big = directory.appendingPathComponent("big.json")
        try Data(repeating: 0x20, count: ConvertCommand.maximumPolicyBytes + 1).write(to: big)
        let bigResult = H.run(["convert", big.path])
        #expect(bigResult.code == 2)
        #expect(bigResult.err.contains("larger than the \(ConvertCommand.maximumPolicyBytes)-byte limit"))
        let batch = directory.appendingPathComponent("batch.jsonl")
        try Data((policy + "\n").utf8).write(to: batch)
        let batchResult = H.run(["convert", "--batch", batch.path])
        #expect(batchResult.out.contains("line 1: \(ConvertCommand.maximumRules + 1) rules"))
    }

    /// Item 13: merge refuses repeated or mismatched shards and an output inside an input,
    /// creates nothing when it refuses, and warns about missing shards.
    @Test func mergeRefusesWhatWouldMislead() throws {
        let root = try H.scratch("merge")
        defer { try? FileManager.default.removeItem(at: root) }
        func shard(_ name: String, _ edit: (inout CampaignState) -> Void) throws -> String {
            let directory = root.appendingPathComponent(name)
            var state = H.state(in: directory)
            state.shards = 3
            state.nextIndices = [0, 3]
            edit(&state)
            try state.save(to: CampaignState.defaultURL(outputDirectory: directory))
            return directory.path
        }
        let a = try shard("a") { $0.shard = 0 }
        let twin = try shard("twin") { $0.shard = 0 }
        let otherSeed = try shard("seed") { $0.shard = 1; $0.nextIndices = [1, 4]; $0.seed = "8" }
        let injected = try shard("inject") { $0.shard = 1; $0.nextIndices = [1, 4]; $0.injections = ["memberNotRefCounted"] }
        let out = root.appendingPathComponent("out").path
        let cases: [([String], String)] = [
            ([a, twin], "the same shard as"), ([a, a], "given twice"), ([a, otherSeed], "seed 8, but"),
            ([a, injected], "injections memberNotRefCounted, but"),
        ]
        for (inputs, phrase) in cases {
            let result = H.run(["merge"] + inputs + ["--out", out])
            #expect(result.code == 2)
            #expect(result.err.contains(phrase), "\(result.err)")
            #expect(!FileManager.default.fileExists(atPath: out), "nothing created when refused")
        }
        let inside = H.run(["merge", a, "--out", a + "/merged"])
        #expect(inside.code == 2)
        #expect(inside.err.contains("is inside the input"))
        let incomplete = H.run(["merge", a, "--out", out, "--report", root.appendingPathComponent("r.html").path])
        #expect(incomplete.code == 0)
        #expect(incomplete.err.contains("warning: incomplete: 2 of 3 shards missing (1/3, 2/3)"))
        let injectedOnly = H.run(["merge", injected, "--out", root.appendingPathComponent("out2").path, "--report", root.appendingPathComponent("r2.html").path])
        #expect(injectedOnly.code == 0)
        let html = try String(contentsOf: root.appendingPathComponent("r2.html"), encoding: .utf8)
        #expect(html.contains("memberNotRefCounted"))
    }

    /// Item 16: invalid UTF-8 is refused everywhere, with its line; never replaced.
    @Test func invalidUTF8IsRefusedWithItsLine() throws {
        let directory = try H.scratch("utf8")
        defer { try? FileManager.default.removeItem(at: directory) }
        var bytes = Data(#"{"kind":"NetworkPolicy","metadata":{"name":"p"#.utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Data(#"","namespace":"n"},"spec":{"podSelector":{}}}"#.utf8))
        let policy = directory.appendingPathComponent("policy.json")
        try bytes.write(to: policy)
        let single = H.run(["convert", policy.path])
        #expect(single.code == 2)
        #expect(single.err.contains("invalid UTF-8 at byte offset 45 (0xff)"), "\(single.err)")
        let batch = directory.appendingPathComponent("batch.jsonl")
        try (Data("\n".utf8) + bytes + Data("\n".utf8)).write(to: batch)
        let converted = H.run(["convert", "--batch", batch.path])
        #expect(converted.out.contains(#""error":"line 2: invalid UTF-8 at byte offset 45"#), "\(converted.out)")
        var selectorLine = Data(#"{"selector":"a == '"#.utf8)
        selectorLine.append(0xC3)
        selectorLine.append(contentsOf: Data(#"'"}"#.utf8))
        let selectors = directory.appendingPathComponent("selectors.jsonl")
        try (Data(#"{"selector":"a == 'b'"}"#.utf8) + Data("\n".utf8) + selectorLine + Data("\n".utf8)).write(to: selectors)
        let selected = H.run(["selector", "--batch", selectors.path])
        let lines = selected.out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.contains(#""error":"line 2: invalid UTF-8 at byte offset 19"#) == true, "\(selected.out)")
        #expect(lines.last?.contains(#""id":null"#) == true, "no IP set ID for an input that is not text")
    }

    /// Item 17: a directory, a device, an out-of-range integer and a wrong field type each
    /// get a message that says so.
    @Test func messagesNameTheRealProblem() throws {
        let directory = try H.scratch("messages")
        defer { try? FileManager.default.removeItem(at: directory) }
        let isDirectory = H.run(["replay", directory.path])
        #expect(isDirectory.code == 2)
        #expect(isDirectory.err.contains("\(directory.path): is a directory; expected a reproducer file"))
        let device = H.run(["oracle", "/dev/zero", "--host", "a"])
        #expect(device.code == 2)
        #expect(device.err.contains("/dev/zero: is a character device, not a regular file"))
        let decodeDevice = H.run(["decode", "/dev/zero"])
        #expect(decodeDevice.code == 2)
        #expect(decodeDevice.err.contains("is a character device"))
        let range = directory.appendingPathComponent("range.json")
        try H.write(try H.sampleReproducer(), to: range) { $0["stepCount"] = 1e30 }
        let rangeResult = H.run(["replay", range.path])
        #expect(rangeResult.code == 2)
        #expect(rangeResult.err.contains("stepCount"), "\(rangeResult.err)")
        #expect(!rangeResult.err.contains("not valid JSON"))
        let type = directory.appendingPathComponent("type.json")
        try H.write(try H.sampleReproducer(), to: type) { $0["version"] = "1" }
        let typeResult = H.run(["replay", type.path])
        #expect(typeResult.code == 2)
        #expect(typeResult.err.contains(#"the "version" field is "1", expected a whole number"#), "\(typeResult.err)")
        for result in [isDirectory, device, rangeResult, typeResult] {
            #expect(!result.err.contains("NSCocoaErrorDomain") && !result.err.contains("Code="))
        }
        let shrinkOut = H.run(["shrink", H.seeds.appendingPathComponent("0ccc8c3142da.json").path, "--out", "/dev/null/x"])
        #expect(shrinkOut.code == 2)
        #expect(shrinkOut.err.contains("option --out /dev/null/x"), "\(shrinkOut.err)")
    }

    /// Item 18: a host the snapshot never names is an error listing the nodes it does name.
    @Test func oracleRefusesAnUnknownHost() throws {
        let directory = try H.scratch("oracle")
        defer { try? FileManager.default.removeItem(at: directory) }
        let snapshot = directory.appendingPathComponent("snapshot.json")
        try Data(#"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Node","metadata":{"name":"node-a"}}]}"#.utf8)
            .write(to: snapshot)
        let known = H.run(["oracle", snapshot.path, "--host", "node-a"])
        #expect(known.code == 0)
        let unknown = H.run(["oracle", snapshot.path, "--host", "nosuchnode"])
        #expect(unknown.code == 2)
        #expect(unknown.err.contains("--host nosuchnode: no Node of that name in the snapshot"))
        #expect(unknown.err.contains("nodes named: node-a"))
        #expect(unknown.out.isEmpty)
    }
}
