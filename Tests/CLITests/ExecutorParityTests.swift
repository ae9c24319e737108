import Driver
import Foundation
import Testing

/// The campaign engine's two executors, in-process (`--in-process`) and child processes
/// (`--workers 1`: a worker process and a shrink process per new failure), run the same seed
/// to the same result: the same sequences, the same failures with the same repeat counts, and
/// byte-identical reproducer files. With one worker both visit the indices in the same order,
/// so even which sequence of a failure is shrunk first is the same.
@Suite(.serialized) struct ExecutorParityTests {
    /// Four injected bugs that, on seed 7, fail five ways within 30 sequences.
    static let common = [
        "fuzz", "--seed", "7", "--iterations", "30", "--json", "--shrink-evals", "100",
        "--inject", "ipSetNotRefCounted,flushOrderEndpointsFirst,policyTypesIgnored,profileRefNotReleased",
    ]

    /// The reproducers a campaign left, by file name, with their bytes.
    func reproducers(in directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
        where !name.hasPrefix(".") && name.hasSuffix(".json") {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    /// The signatures of the saved failures, from the `reproducer` events, sorted.
    func signatures(_ run: FuzzProcessTests.Run) -> [String] {
        run.stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("\"event\":\"reproducer\""),
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            else { return nil }
            return object["signature"] as? String
        }.sorted()
    }

    @Test(.enabled(if: FuzzProcessTests.binary != nil, "build k8sfv first: swift build"))
    func bothExecutorsFindTheSameFailuresAndSaveTheSameReproducers() async throws {
        let process = FuzzProcessTests()
        let inProcess = process.scratch("parity-in-process"), children = process.scratch("parity-children")
        defer { for url in [inProcess, children] { try? FileManager.default.removeItem(at: url) } }
        let one = try await process.run(Self.common + ["--in-process", "--out", inProcess.path])
        let many = try await process.run(Self.common + ["--workers", "1", "--out", children.path])
        #expect(one.status == 1, "the injected bugs are found in-process: \(one.stderr)")
        #expect(many.status == 1, "the injected bugs are found by the child processes: \(many.stderr)")
        for key in ["sequences", "steps", "failures", "duplicates"] {
            #expect(one.summary[key] as? Int == many.summary[key] as? Int, "\(key) differs")
        }
        let found = signatures(one)
        #expect(found.count >= 2, "several distinct failures, so the test compares more than one: \(found)")
        #expect(signatures(many) == found)
        let oneFiles = try reproducers(in: inProcess), manyFiles = try reproducers(in: children)
        #expect(oneFiles.count == found.count)
        #expect(oneFiles.keys.sorted() == manyFiles.keys.sorted(), "the same reproducer ids")
        for (name, bytes) in oneFiles {
            #expect(manyFiles[name] == bytes, "\(name) differs between the executors")
        }
    }
}
