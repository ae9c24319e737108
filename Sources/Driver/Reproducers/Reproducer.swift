import Calico
import Foundation
import Gen

// The reproducer file, `seeds/<id>.json`: everything needed to replay a failure on any
// machine, long after the generators have changed. The steps are stored as real Kubernetes
// objects, so replay uses them, not the seed; the seed, generator version and recorded
// choices are kept so the failure can also be regenerated and shrunk further.
//
// Format history:
//   1: first version.

/// A saved failing (or, for corpus entries, passing) scenario.
public struct Reproducer: Codable, Hashable, Sendable {
    /// Always `k8sfv-reproducer`: tells a reader what this file is.
    public var format: String = Reproducer.formatName
    /// The file format version; readers refuse newer versions with a clear error.
    public var version: Int = Reproducer.currentVersion
    /// Short hash of the shrunk scenario: the file's name.
    public var id: String
    /// The verdict a replay should give: `fail` (with `failure`'s signature) or `pass`.
    public var expect: Verdict
    /// What found it.
    public var origin: Origin
    /// The target it failed on, and any bugs switched on in the model.
    public var target: String
    public var injectedBugs: [String]
    /// The failure seen when it was saved (nil for a passing corpus entry).
    public var failure: Failure?
    /// The number of steps before shrinking, and after.
    public var originalStepCount: Int
    public var stepCount: Int
    /// The recorded choices that regenerate `scenario` with the same generator version
    /// (empty for a hand-edited or step-shrunk file).
    public var choices: [UInt64]
    /// The scenario itself: initial objects and steps, as Kubernetes objects.
    public var scenario: Scenario

    public static let formatName = "k8sfv-reproducer"
    public static let currentVersion = 1

    public enum Verdict: String, Codable, Hashable, Sendable { case fail, pass }

    /// Where a reproducer came from.
    public struct Origin: Codable, Hashable, Sendable {
        /// The campaign seed and the sequence index within it.
        public var seed: String?
        public var index: Int?
        public var scale: String?
        /// `GeneratorVersion.current` when it was generated.
        public var generatorVersion: Int
        /// How it was made smaller: `choices`, `steps`, `none`.
        public var shrunkBy: String
        public init(seed: String?, index: Int?, scale: String?, generatorVersion: Int, shrunkBy: String) {
            self.seed = seed
            self.index = index
            self.scale = scale
            self.generatorVersion = generatorVersion
            self.shrunkBy = shrunkBy
        }
    }

    public init(
        expect: Verdict, origin: Origin, target: String, injectedBugs: [String], failure: Failure?,
        originalStepCount: Int, choices: [UInt64], scenario: Scenario
    ) {
        self.id = Reproducer.id(of: scenario)
        self.expect = expect
        self.origin = origin
        self.target = target
        self.injectedBugs = injectedBugs.sorted()
        self.failure = failure
        self.originalStepCount = originalStepCount
        self.stepCount = scenario.steps.count
        self.choices = choices
        self.scenario = scenario
    }

    /// A short, stable name: the first 12 hex digits of SHA-224 over the scenario's canonical
    /// (sorted-key) JSON. The same scenario always gets the same name on any machine.
    public static func id(of scenario: Scenario) -> String {
        let bytes = (try? KubeJSON.encode(scenario)) ?? Data()
        let digest = SHA224.digest(Array(bytes))
        let hex = digest.prefix(6).map { String(format: "%02x", $0) }.joined()
        return hex
    }
}

extension Reproducer {
    /// Reads and checks a reproducer file; every problem is a `ReproducerError` that says
    /// what is wrong, where, and how to fix it.
    public static func load(from url: URL) throws -> Reproducer {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReproducerError("\(url.path): cannot read the file (\(error.localizedDescription))")
        }
        return try decode(data, source: url.path)
    }

    public static func decode(_ data: Data, source: String) throws -> Reproducer {
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw ReproducerError(
                "\(source): not a JSON object (\(JSONErrorDescription.describe(error))). "
                    + "A reproducer is the JSON file k8sfv fuzz writes into seeds/; was it truncated or edited?")
        }
        guard header.format == formatName else {
            throw ReproducerError(
                "\(source): the \"format\" field is \(header.format.map { "\"\($0)\"" } ?? "missing"), "
                    + "expected \"\(formatName)\". This is not a k8sfv reproducer file.")
        }
        guard let version = header.version else {
            throw ReproducerError("\(source): the \"version\" field is missing; add \"version\": \(currentVersion).")
        }
        guard version <= currentVersion else {
            throw ReproducerError(
                "\(source): format version \(version) is newer than this k8sfv understands (\(currentVersion)). "
                    + "Update k8sfv to replay it.")
        }
        guard version >= 1 else {
            throw ReproducerError("\(source): format version \(version) is not valid; versions start at 1.")
        }
        do {
            return try JSONDecoder().decode(Reproducer.self, from: data)
        } catch {
            throw ReproducerError("\(source): \(JSONErrorDescription.describe(error))")
        }
    }

    /// The file's bytes: pretty, sorted JSON with a final newline, so files diff well in review.
    public func encoded() throws -> Data {
        var data = try KubeJSON.encode(self, pretty: true)
        data.append(0x0A)
        return data
    }
}

/// A reproducer file that cannot be used, with the reason.
public struct ReproducerError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Turns a `DecodingError` into a sentence with the JSON path of the problem.
public enum JSONErrorDescription {
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let parts = context.codingPath.map { key -> String in
                if let index = key.intValue { return "[\(index)]" }
                return "." + key.stringValue
            }
            let joined = parts.joined()
            return joined.isEmpty ? "the top level" : String(joined.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context)
            return "missing field \"\(key.stringValue)\" at \(at == "the top level" ? at : at)"
        case .typeMismatch(let type, let context):
            return "wrong type at \(path(context)): expected \(type) (\(context.debugDescription))"
        case .valueNotFound(let type, let context):
            return "missing value at \(path(context)): expected \(type)"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "invalid data at \(path(context)): \(underlying ?? context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
