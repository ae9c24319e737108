import Calico
import Foundation
import Gen
import JSONCore

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
            data = try InputFile.read(url.path, what: "reproducer", limit: maximumFileSize)
        } catch let error as InputFile.Problem {
            throw ReproducerError(error.message)
        }
        return try decode(data, source: url.path)
    }

    /// The largest reproducer file read: far above any real one (a shrunk reproducer is a few
    /// KB, an unshrunk seed-scale one a few MB), small enough to refuse a runaway file.
    public static let maximumFileSize = 64 << 20

    public static func decode(_ data: Data, source: String) throws -> Reproducer {
        do {
            try InputFile.requireUTF8(data, source: source)
        } catch let error as InputFile.Problem {
            throw ReproducerError(error.message)
        }
        let object: JSONValue
        do {
            object = try JSONParser.parse(data)
        } catch {
            throw ReproducerError(
                "\(source): not valid JSON (\(JSONErrorDescription.syntax(error, in: data))). "
                    + "A reproducer is the JSON file k8sfv fuzz writes; was it truncated or edited?")
        }
        guard case .object(let fields) = object else {
            throw ReproducerError(
                "\(source): not a JSON object (found \(JSONErrorDescription.kind(of: object)) at the top level); "
                    + "a reproducer is the JSON object k8sfv fuzz writes")
        }
        guard let format = fields["format"]?.stringValue, format == formatName else {
            throw ReproducerError(
                "\(source): the \"format\" field is \(JSONErrorDescription.shown(fields["format"])), "
                    + "expected \"\(formatName)\". This is not a k8sfv reproducer file.")
        }
        guard let rawVersion = fields["version"] else {
            throw ReproducerError("\(source): the \"version\" field is missing; add \"version\": \(currentVersion).")
        }
        guard let version = JSONErrorDescription.wholeNumber(rawVersion) else {
            throw ReproducerError(
                "\(source): the \"version\" field is \(JSONErrorDescription.shown(rawVersion)), expected a whole number (\(currentVersion))")
        }
        guard version <= currentVersion else {
            throw ReproducerError(
                "\(source): format version \(version) is newer than this k8sfv understands (\(currentVersion)). "
                    + "Update k8sfv to replay it.")
        }
        guard version >= 1 else {
            throw ReproducerError("\(source): format version \(version) is not valid; versions start at 1.")
        }
        let reproducer: Reproducer
        do {
            reproducer = try JSONDecoder().decode(Reproducer.self, from: data)
        } catch {
            throw ReproducerError("\(source): \(JSONErrorDescription.describe(error, in: object))")
        }
        try reproducer.validate(source: source)
        return reproducer
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

/// Turns a `DecodingError` into a sentence with the JSON path of the problem, and describes
/// the JSON values and syntax errors of JSONCore's parser for messages.
public enum JSONErrorDescription {
    /// `describe(error)`, except that a number no field of ours can hold (Foundation's
    /// decoder then reports only "not valid JSON" at the top level) is found and named.
    public static func describe(_ error: any Error, in value: JSONValue) -> String {
        if case DecodingError.dataCorrupted(let context)? = error as? DecodingError, context.codingPath.isEmpty,
            let (path, number) = outOfRangeNumber(in: value, path: "")
        {
            return "field \"\(path)\" is \(number), out of range (expected a whole number from -2^63 to 2^63-1; recorded choices up to 2^64-1)"
        }
        return describe(error)
    }

    /// The first number (depth first, keys sorted) too large for any integer field. The parser
    /// keeps whole numbers that fit 64 bits exact (`int`, always in range); any other number is
    /// a `double`, judged by its value.
    static func outOfRangeNumber(in value: JSONValue, path: String) -> (String, String)? {
        switch value {
        case .object(let object):
            for key in object.keys.sorted() {
                if let found = outOfRangeNumber(in: object[key]!, path: path.isEmpty ? key : path + "." + key) { return found }
            }
        case .array(let array):
            for (index, element) in array.enumerated() {
                if let found = outOfRangeNumber(in: element, path: path + "[\(index)]") { return found }
            }
        case .double(let double):
            // Only a reproducer's recorded choices are unsigned 64-bit; every other integer is Int.
            let limit = path.hasPrefix("choices[") ? 18_446_744_073_709_551_616.0 : 9_223_372_036_854_775_808.0
            if !double.isFinite || double >= limit || double < -9_223_372_036_854_775_808.0 {
                return (path.isEmpty ? "(top level)" : path, JSONWriter.number(double))
            }
        default:
            break
        }
        return nil
    }

    /// The parser's error, with the byte offset it names turned into line and column.
    public static func syntax(_ error: JSONParseError, in data: Data) -> String {
        let offset = min(max(error.offset, 0), data.count)
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return "\(error.reason), byte offset \(offset), line \(line), column \(column)"
    }

    /// What kind of JSON value this is, for messages: "an array", "a string", ...
    public static func kind(of value: JSONValue?) -> String {
        switch value {
        case nil: return "nothing"
        case .null?: return "null"
        case .array?: return "an array"
        case .object?: return "an object"
        case .string?: return "a string"
        case .bool?: return "a boolean"
        case .int?, .double?: return "a number"
        }
    }

    /// A field's value as a message shows it: missing, or its JSON kind and a short rendering.
    public static func shown(_ value: JSONValue?) -> String {
        switch value {
        case nil: return "missing"
        case .string(let text)?: return "\"\(text.prefix(60))\""
        case .null?: return "null"
        case .bool(let flag)?: return "\(kind(of: value)) \(flag)"
        case .int(let number)?: return "\(kind(of: value)) \(number)"
        case .double(let number)?: return "\(kind(of: value)) \(JSONWriter.number(number))"
        default: return kind(of: value)
        }
    }

    /// A whole number that fits an `Int`, from an `int` or an integral `double`; else nil.
    public static func wholeNumber(_ value: JSONValue?) -> Int? {
        switch value {
        case .int(let number)?: return Int(exactly: number)
        case .double(let number)?: return Int(exactly: number)
        default: return nil
        }
    }

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
            return "invalid value at \(path(context)): \(underlying ?? context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
