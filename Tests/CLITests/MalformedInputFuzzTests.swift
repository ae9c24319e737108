import Campaign
import Driver
import Foundation
import Gen
import Testing
@testable import K8sfvCLI

/// Issue 12's malformed-input fuzz: thousands of generated bad files, from k8sfv's own Gen
/// engine, through every file-taking command (replay, shrink, export, merge, fuzz --resume,
/// oracle, convert, decode; selector and convert --batch answer bad lines line by line).
/// Each must exit 2 with a message that names the file and says what is wrong (no raw
/// NSError), must not trap or hang (the suite would not finish), and must write nothing.
@Suite(.timeLimit(.minutes(3))) struct MalformedInputFuzzTests {
    typealias H = HostileInput

    /// Generated inputs per run; seven runs that must exit 2 (reproducers through replay,
    /// shrink and export, and through merge; states through resume and merge; snapshots;
    /// policies; frames), so 10,150 in all, plus the batch lines.
    static let perKind = 1_450

    /// The values each field of a reproducer or state may never hold.
    static func reproducerFields(_ base: [String: Any]) -> Gen<([JSONStep], String)> {
        let steps = base["stepCount"] as! Int
        return Gen.oneOf(
            Gen.element(of: [#""/../ESCAPED""#, #""0ccc8c3142d""#, #""0CCC8C3142DA""#, #""0ccc8c3142da\nrm -rf /""#, #""""#])
                .map { ([.key("id")], $0) },
            Gen<Int>.int(in: 0...0xFFFF_FFFF_FFFE).map { ([.key("id")], "\"" + String(format: "%012llx", $0) + "\"") },
            Gen.element(of: ["0", "-1", "2", "1.5", #""1""#, "true", "99999999999999999999"]).map { ([.key("version")], $0) },
            Gen.element(of: [#""k8sfv-reproduce""#, #""""#, "1", #""k8sfv-campaign-state""#]).map { ([.key("format")], $0) },
            Gen<Int>.int(in: 1...1_000_000).map { ([.key("stepCount")], String(steps + $0)) },
            Gen<Int>.int(in: 1...1_000_000).map { ([.key("originalStepCount")], String(-$0)) },
            Gen.element(of: ["1e30", "-1e30", "1.5"]).map { ([.key("stepCount")], $0) })
    }

    static func stateFields() -> Gen<([JSONStep], String)> {
        let big = Gen<Int>.int(in: (CampaignState.maximumIndex + 1)...Int.max)
        return Gen.oneOf(
            Gen.zip(Gen<Int>.int(in: 0...1), Gen<Int>.int(in: Int.min...(-1))).map { ([.key("nextIndices"), .index($0.0)], String($0.1)) },
            Gen.zip(Gen<Int>.int(in: 0...1), big).map { ([.key("nextIndices"), .index($0.0)], String($0.1)) },
            Gen<Int>.int(in: 0...5).map { count in ([.key("nextIndices")], "[" + Array(repeating: "0", count: count == 2 ? 3 : count).joined(separator: ",") + "]") },
            Gen<Int>.int(in: 1...1_000_000_000).map { ([.key("elapsed")], String(-$0)) },
            Gen.element(of: [#""abc""#, #""-1""#, #""18446744073709551616""#, #""""#, #"" 7""#, #""0x10""#]).map { ([.key("seed")], $0) },
            Gen.element(of: ["0", "-3", "1025", "99999999"]).map { ([.key("workers")], $0) },
            Gen<Int>.int(in: 1...1_000_000).map { ([.key("shard")], String($0)) },
            Gen.element(of: ["0", "-1", "2000000"]).map { ([.key("shards")], $0) },
            Gen.element(of: ["0", "-1", "1e300"]).map { ([.key("timeLimit")], $0) },
            Gen.element(of: ["0", "-1"]).map { ([.key("sequenceLimit")], $0) },
            Gen.element(of: [#""huge""#, #""SMALL""#]).map { ([.key("scale")], $0) },
            Gen.element(of: [#""cloud""#, #""""#]).map { ([.key("target")], $0) },
            Gen.element(of: [#"["noSuchBug"]"#, #"[""]"#]).map { ([.key("injections")], $0) },
            Gen.element(of: ["0", "2", "-1", "1.5", #""1""#]).map { ([.key("version")], $0) },
            Gen<Int>.int(in: Int.min...(-1)).map { ([.key("statistics"), .key("sequences")], String($0)) },
            Gen<Int>.int(in: Int.min...(-1)).map { ([.key("statistics"), .key("steps")], String($0)) },
            Gen<Int>.int(in: Int.min...(-1)).map {
                ([.key("signatures")], #"[{"count":\#($0),"signature":{"kind":"k","property":"convergence"}}]"#)
            },
            Gen.element(of: [#""../x""#, #""ZZZZZZZZZZZZ""#]).map {
                ([.key("failures")], #"[{"duplicates":0,"index":1,"message":"","originalSteps":1,"path":"p","reproducerID":\#($0),"seed":"7","shrinkBudgetExhausted":false,"shrinkEvaluations":0,"shrinkSeconds":0,"shrunkSteps":1,"signature":{"kind":"k","property":"convergence"}}]"#)
            })
    }

    static let snapshot = Data(#"""
        {"apiVersion":"v1","kind":"List","items":[
          {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"prod","labels":{"env":"prod"}}},
          {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-a"},"spec":{"podCIDR":"10.0.0.0/24"}},
          {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"prod","labels":{"app":"web"}},
           "spec":{"nodeName":"node-a","containers":[{"name":"c"}]},"status":{"podIP":"10.0.0.5","podIPs":[{"ip":"10.0.0.5"}],"phase":"Running"}},
          {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow","namespace":"prod"},
           "spec":{"podSelector":{"matchLabels":{"app":"web"}},"ingress":[{"from":[{"podSelector":{}}]}]}}]}
        """#.utf8)

    static let policy = Data(#"""
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow","namespace":"prod"},
         "spec":{"podSelector":{"matchLabels":{"app":"web"}},"policyTypes":["Ingress"],
                 "ingress":[{"from":[{"podSelector":{"matchExpressions":[{"key":"app","operator":"In","values":["a"]}]}}]}]}}
        """#.utf8)

    /// One generated case: the bytes, and the command to run on the file at PATH.
    struct Case {
        var kind: String
        var data: Data
        var arguments: [String]
        var description: String
    }

    static func cases(kind: String, base: Data, mutation: Gen<JSONMutation>, commands: [[String]]) -> [Case] {
        let generator = Gen.zip(mutation, Gen.element(of: commands))
        let root = try! JSONSerialization.jsonObject(with: base)
        return (0..<perKind).map { index in
            let (mutated, command) = try! generator.generate(seed: SplitMix64.derive(seed: 12, stream: UInt64(index))).value
            return Case(kind: kind, data: mutated.apply(to: base, root: root), arguments: command, description: mutated.description)
        }
    }

    /// Runs `cases`, each on one file in one scratch directory (rewritten per case); after
    /// each run the directory must hold that file and nothing else. Returns the failures.
    static func check(_ cases: [Case], placeInShard: Bool = false, allowStdout: Bool = false) throws -> [String] {
        let directory = try H.scratch("fuzz")
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = placeInShard ? directory.appendingPathComponent("shard") : directory
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var problems: [String] = []
        for item in cases {
            let name = item.kind == "state" && placeInShard ? ".k8sfv-campaign.json" : "input.json"
            let file = folder.appendingPathComponent(name)
            try HostileInput.overwrite(file, with: item.data)
            let before = H.listing(directory)
            let arguments = item.arguments.map {
                $0.replacingOccurrences(of: "PATH", with: file.path).replacingOccurrences(of: "SHARD", with: folder.path)
                    .replacingOccurrences(of: "DIR", with: directory.path)
            }
            let result = H.run(arguments)
            var wrong: [String] = []
            if result.code != 2 { wrong.append("exit \(result.code)") }
            if !result.err.contains(folder.path) { wrong.append("message does not name the file") }
            if result.err.contains("NSCocoaErrorDomain") || result.err.contains("Code=") { wrong.append("raw NSError") }
            if !allowStdout && !result.out.isEmpty { wrong.append("wrote to stdout") }
            let after = H.listing(directory)
            if after != before {
                wrong.append("wrote files: \(after)")
                for path in Set(after).subtracting(before) { try? FileManager.default.removeItem(at: directory.appendingPathComponent(path)) }
            }
            if !wrong.isEmpty {
                problems.append("\(item.kind) \(item.description) | \(arguments.first ?? "") → \(wrong.joined(separator: ", ")): \(result.err.prefix(300))")
            }
        }
        return problems
    }

    @Test func reproducersAreRefusedByEveryCommand() throws {
        let base = try H.sampleReproducer()
        let fields = Self.reproducerFields(try JSONSerialization.jsonObject(with: base) as! [String: Any])
        let commands = [["replay", "PATH"], ["shrink", "PATH"], ["export", "PATH", "--kubectl", "--out", "DIR/x.sh"], ["shrink", "PATH", "--out", "DIR/o"]]
        let problems = try Self.check(Self.cases(kind: "reproducer", base: base, mutation: MalformedJSON.mutation(of: base, fields: fields), commands: commands))
        #expect(problems.isEmpty, "\(problems.count) of \(Self.perKind):\n\(problems.prefix(12).joined(separator: "\n"))")
        let merged = try Self.check(
            Self.cases(kind: "reproducer", base: base, mutation: MalformedJSON.mutation(of: base, fields: fields), commands: [["merge", "SHARD", "--out", "DIR/merged"]]),
            placeInShard: true)
        #expect(merged.isEmpty, "\(merged.count) of \(Self.perKind):\n\(merged.prefix(12).joined(separator: "\n"))")
    }

    @Test func stateFilesAreRefusedByResumeAndMerge() throws {
        let directory = try H.scratch("state-base")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("state.json")
        try H.state(in: directory).save(to: url)
        let base = try Data(contentsOf: url)
        let mutation = MalformedJSON.mutation(of: base, fields: Self.stateFields())
        let resumed = try Self.check(Self.cases(kind: "state", base: base, mutation: mutation, commands: [["fuzz", "--resume", "PATH"]]))
        #expect(resumed.isEmpty, "\(resumed.count) of \(Self.perKind):\n\(resumed.prefix(12).joined(separator: "\n"))")
        let merged = try Self.check(
            Self.cases(kind: "state", base: base, mutation: mutation, commands: [["merge", "SHARD", "--out", "DIR/merged"]]), placeInShard: true)
        #expect(merged.isEmpty, "\(merged.count) of \(Self.perKind):\n\(merged.prefix(12).joined(separator: "\n"))")
    }

    @Test func snapshotsAndPoliciesAreRefused() throws {
        let snapshots = try Self.check(Self.cases(
            kind: "snapshot", base: Self.snapshot, mutation: MalformedJSON.mutation(of: Self.snapshot, fields: nil, excludingKeys: ["labels", "apiVersion"]),
            commands: [["oracle", "PATH", "--host", "node-a"]]))
        #expect(snapshots.isEmpty, "\(snapshots.count) of \(Self.perKind):\n\(snapshots.prefix(12).joined(separator: "\n"))")
        let policies = try Self.check(Self.cases(
            kind: "policy", base: Self.policy, mutation: MalformedJSON.mutation(of: Self.policy, fields: nil, excludingKeys: ["apiVersion"]),
            commands: [["convert", "PATH"], ["convert", "--felix", "PATH"]]))
        #expect(policies.isEmpty, "\(policies.count) of \(Self.perKind):\n\(policies.prefix(12).joined(separator: "\n"))")
    }

    @Test func framedStreamsAreRefused() throws {
        let stream = DecodeCommandTests.stream
        let generator = MalformedFrames.mutation(of: stream)
        let cases = (0..<Self.perKind).map { index in
            let bytes = try! generator.generate(seed: SplitMix64.derive(seed: 13, stream: UInt64(index))).value
            return Case(kind: "frames", data: Data(bytes), arguments: ["decode", "PATH"], description: "\(bytes.count) bytes")
        }
        let problems = try Self.check(cases, allowStdout: true)
        #expect(problems.isEmpty, "\(problems.count) of \(Self.perKind):\n\(problems.prefix(12).joined(separator: "\n"))")
    }

    /// The batch commands answer each line: a bad line is an error line naming its number
    /// (exit 0, by design: one bad line in a million should not lose the other answers).
    @Test func batchLinesAreAnsweredWithTheirLineNumber() throws {
        let directory = try H.scratch("batch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let selectorLine = Data(#"{"selector":"app == 'web' && has(tier)","labels":{"app":"web"}}"#.utf8)
        let policyLine = Data(String(decoding: Self.policy, as: UTF8.self).replacingOccurrences(of: "\n", with: " ").utf8)
        for (command, base) in [(["selector", "--batch"], selectorLine), (["convert", "--batch"], policyLine)] {
            let mutation = MalformedJSON.mutation(of: base, fields: nil, excludingKeys: ["labels", "apiVersion"])
            var lines: [Data] = []
            for index in 0..<Self.perKind / 4 {
                let mutated = try mutation.generate(seed: SplitMix64.derive(seed: 14, stream: UInt64(index))).value.apply(to: base)
                // A line break inside the mutation would make two lines: keep one line each.
                lines.append(Data(mutated.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }))
            }
            let file = directory.appendingPathComponent("\(command[0]).jsonl")
            try lines.reduce(Data()) { $0 + $1 + Data("\n".utf8) }.write(to: file)
            let result = H.run(command + [file.path])
            #expect(result.code == 0)
            let answers = result.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let numbers = lines.indices.filter { !lines[$0].allSatisfy { $0 == 0x20 || $0 == 0x09 } }.map { $0 + 1 }
            #expect(answers.count == numbers.count, "\(command[0]): one answer per non-blank line")
            var unanswered: [String] = []
            for (number, answer) in zip(numbers, answers) where !answer.contains("\"error\":\"line \(number): ") {
                unanswered.append("line \(number): \(answer.prefix(200))")
            }
            #expect(unanswered.isEmpty, "\(command[0]) \(unanswered.count):\n\(unanswered.prefix(12).joined(separator: "\n"))")
        }
    }
}
