import Calico
import Driver
import Foundation
import Gen
import Testing

@Suite struct ReproducerFileTests {
    static func sample() -> Reproducer {
        let scenario = Scenario(
            localHost: "host-0", initial: [.namespace(Namespace(name: "ns-0"))],
            steps: [Step(kind: .createNamespace, writes: [.put(.namespace(Namespace(name: "ns-1", labels: ["area": "area1"])))])])
        return Reproducer(
            expect: .pass,
            origin: Reproducer.Origin(seed: "1", index: 0, scale: "small", generatorVersion: GeneratorVersion.current, shrunkBy: "none"),
            target: "model", injectedBugs: [], failure: nil, originalStepCount: 1, choices: [0, 1], scenario: scenario)
    }

    @Test func roundTripsByteForByte() throws {
        let reproducer = Self.sample()
        let data = try reproducer.encoded()
        let decoded = try Reproducer.decode(data, source: "sample")
        #expect(decoded == reproducer)
        #expect(try decoded.encoded() == data)
    }

    @Test func idIsAStableHashOfTheScenario() {
        let a = Self.sample()
        var b = Self.sample()
        #expect(a.id == b.id)
        #expect(a.id.count == 12)
        b.scenario.localHost = "host-1"
        #expect(Reproducer.id(of: b.scenario) != a.id)
    }

    @Test func truncatedFileIsAClearError() throws {
        let data = try Self.sample().encoded()
        let truncated = data.prefix(data.count / 2)
        #expect {
            _ = try Reproducer.decode(Data(truncated), source: "cut.json")
        } throws: { error in
            let text = "\(error)"
            return text.contains("cut.json") && text.contains("not valid JSON")
        }
    }

    @Test func futureVersionIsRefusedWithAdvice() throws {
        var object = try JSONSerialization.jsonObject(with: try Self.sample().encoded()) as! [String: Any]
        object["version"] = 99
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect {
            _ = try Reproducer.decode(data, source: "future.json")
        } throws: { error in
            "\(error)".contains("newer than this k8sfv understands")
        }
    }

    @Test func wrongFormatAndMissingFieldsNameTheProblem() throws {
        #expect {
            _ = try Reproducer.decode(Data(#"{"format":"other","version":1}"#.utf8), source: "x.json")
        } throws: { "\($0)".contains("not a k8sfv reproducer") }
        var object = try JSONSerialization.jsonObject(with: try Self.sample().encoded()) as! [String: Any]
        object["scenario"] = nil
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect {
            _ = try Reproducer.decode(data, source: "y.json")
        } throws: { "\($0)".contains("scenario") }
    }

    /// The checks before typed decoding read the file with JSONCore's parser: where the syntax
    /// breaks (line and column), the kind of a wrong value, and a number no field can hold.
    @Test func diagnosticsNameWhereAndWhat() throws {
        let text = String(decoding: try Self.sample().encoded(), as: UTF8.self)
        let broken = text.replacingOccurrences(of: #""expect" : "pass","#, with: #""expect" : "pass",,"#)
        #expect {
            _ = try Reproducer.decode(Data(broken.utf8), source: "comma.json")
        } throws: { error in
            let line = text.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.contains(#""expect" : "pass""#) }.map { $0 + 1 } ?? 0
            return "\(error)".contains("comma.json: not valid JSON (") && "\(error)".contains("line \(line), column")
        }
        #expect {
            _ = try Reproducer.decode(Data(#"{"format":"k8sfv-reproducer","version":true}"#.utf8), source: "v.json")
        } throws: { "\($0)".contains(#"the "version" field is a boolean true, expected a whole number"#) }
        #expect {
            _ = try Reproducer.decode(Data("[1]".utf8), source: "a.json")
        } throws: { "\($0)".contains("not a JSON object (found an array at the top level)") }
        let huge = text.replacingOccurrences(of: "\"choices\" : [\n    0,", with: "\"choices\" : [\n    18446744073709551616,")
        #expect(huge != text)
        #expect {
            _ = try Reproducer.decode(Data(huge.utf8), source: "big.json")
        } throws: { "\($0)".contains(#"field "choices[0]" is 1.8446744073709552e+19, out of range"#) }
    }

    @Test func storeWritesAtomicallyAndListsSorted() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-store-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ReproducerStore(directory: dir)
        let url = try store.save(Self.sample())
        #expect(url.lastPathComponent == "\(Self.sample().id).json")
        #expect(try store.all() == [url])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }
}
