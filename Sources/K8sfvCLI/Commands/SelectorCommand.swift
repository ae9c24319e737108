import Calico
import Foundation
import JSONCore

// `k8sfv selector`: parse a Calico selector, print its canonical text and IP set ID, and
// optionally evaluate it against labels; or do the same for a file of JSON lines.
// Takes: a selector (and labels), or a JSON-lines file. Gives: one JSON line per selector with
// sorted keys. Cost: one parse (+ one SHA-224) per selector.

enum SelectorCommand: K8sfvCommand {
    static let name = "selector"
    static let summary = "Parse a Calico selector: canonical form, IP set ID, match against labels"
    static let about = """
        k8sfv selector: parse a Calico selector as Felix does, print its canonical String() form
        and its IP set ID (s:…), and optionally whether it matches a set of labels.

        Usage:
          k8sfv selector [--labels JSON] SELECTOR
          k8sfv selector [--labels JSON] -- SELECTOR          (for a selector that starts with '-')
          k8sfv selector --batch FILE                          (FILE '-' reads stdin)
        """

    static let options: [OptionDeclaration] = [
        .text(
            "--labels", "JSON",
            "labels to evaluate against, a JSON object of strings, e.g. '{\"app\":\"db\"}' (default: none; \"matches\" is null)"),
        .text("--selector", "TEXT", "the selector, instead of the positional SELECTOR"),
        .text(
            "--batch", "FILE",
            "read JSON lines {\"selector\": \"...\", \"labels\": {...}} (\"labels\" optional) and write one JSON line per "
                + "input line; blank lines are skipped (default: single-selector mode)"),
    ]

    static let notes = """
        Output (one JSON line, keys sorted):
          single:  {"canonical":"…","id":"s:…","matches":true|false|null}
          batch:   {"canonical":…,"error":…,"id":…,"matches":…}  (null where not applicable;
                   an invalid selector or JSON line gives an "error" string, not a failure)

        Selector syntax (Calico): label == "v", !=, contains, starts with, ends with,
        label in {"a", "b"}, not in, has(label), all(), global(), !, &&, ||, ( ). Empty = all().

        Exit codes: 0 done; 2 invalid selector or labels (single mode), bad usage, or an
        unreadable batch file.
        """

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let batchPath = try arguments.option("--batch")
        let labelsText = try arguments.option("--labels")
        let selectorOption = try arguments.option("--selector")
        if let batchPath {
            if labelsText != nil || selectorOption != nil {
                throw UsageError("--batch takes its selectors and labels from the file; drop --labels/--selector")
            }
            try arguments.finish()
            return try runBatch(path: batchPath, io: io)
        }
        let text: String
        if let selectorOption {
            text = selectorOption
        } else if let positional = arguments.positional() {
            text = positional
        } else {
            throw UsageError("give a SELECTOR (use '' for the empty selector, all())")
        }
        try arguments.finish()

        let labels = try labelsText.map { json throws(InputError) in try parseLabelsArgument(json) }
        let selector: Selector
        do {
            selector = try Selector(parsing: text)
        } catch {
            throw InputError("invalid selector: \(error)\n" + pointer(at: error.column, in: text))
        }
        let result = SelectorResult(
            canonical: selector.canonical, error: nil, id: selector.uniqueID,
            matches: labels.map { selector.matches($0) }, includesError: false)
        io.print(try KubeJSON.encodeString(result))
        return ExitCode.ok
    }

    /// The selector with a caret under the column, for stderr.
    static func pointer(at column: Int, in text: String) -> String {
        let shown = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        return "  " + shown + "\n  " + String(repeating: " ", count: max(0, column - 1)) + "^"
    }

    static func parseLabelsArgument(_ json: String) throws(InputError) -> [String: String] {
        switch decodeLabels(fromJSON: json) {
        case .success(let labels): return labels
        case .failure(let message): throw InputError("--labels: \(message)")
        }
    }

    enum Decoded<Value> {
        case success(Value)
        case failure(String)
    }

    /// A JSON object whose values are all strings.
    static func decodeLabels(fromJSON json: String) -> Decoded<[String: String]> {
        guard let object = try? JSONValue.parse(Data(json.utf8)) else {
            return .failure("not valid JSON; expected an object of strings such as {\"app\":\"db\"}")
        }
        return labels(from: object)
    }

    static func labels(from object: JSONValue) -> Decoded<[String: String]> {
        guard let dictionary = object.objectValue else {
            return .failure("expected a JSON object of strings such as {\"app\":\"db\"}")
        }
        var labels: [String: String] = [:]
        for key in dictionary.keys.sorted() {
            guard let value = dictionary[key]?.stringValue else {
                return .failure("label '\(key)' must have a string value")
            }
            labels[key] = value
        }
        return .success(labels)
    }

    // MARK: Batch

    static func runBatch(path: String, io: CommandIO) throws -> Int32 {
        let data = try TextInput.read(path, what: "JSON-lines batch", limit: 64 << 20)
        let encoder = KubeJSON.encoder()
        for (lineNumber, bytes) in TextInput.lines(of: data) {
            let result: SelectorResult
            switch TextInput.utf8(bytes) {
            case .success(let line):
                result = evaluateBatchLine(line, lineNumber: lineNumber)
            case .failure(let error):
                result = SelectorResult(
                    canonical: nil, error: "line \(lineNumber): \(error.message)", id: nil, matches: nil, includesError: true)
            }
            io.print(String(decoding: try encoder.encode(result), as: UTF8.self))
        }
        return ExitCode.ok
    }

    /// One batch line → its result; every problem becomes an `error` value.
    static func evaluateBatchLine(_ line: String, lineNumber: Int) -> SelectorResult {
        func failure(_ message: String) -> SelectorResult {
            SelectorResult(canonical: nil, error: message, id: nil, matches: nil, includesError: true)
        }
        guard let object = try? JSONValue.parse(Data(line.utf8)) else {
            return failure("line \(lineNumber): invalid JSON; expected {\"selector\": \"...\", \"labels\": {...}}")
        }
        guard let fields = object.objectValue else {
            return failure("line \(lineNumber): expected a JSON object {\"selector\": \"...\", \"labels\": {...}}")
        }
        guard let text = fields["selector"]?.stringValue else {
            return failure("line \(lineNumber): missing \"selector\" string")
        }
        var labels: [String: String]?
        if let rawLabels = fields["labels"], rawLabels != .null {
            switch Self.labels(from: rawLabels) {
            case .success(let decoded): labels = decoded
            case .failure(let message): return failure("line \(lineNumber): \"labels\": \(message)")
            }
        }
        do {
            let selector = try Selector(parsing: text)
            return SelectorResult(
                canonical: selector.canonical, error: nil, id: selector.uniqueID,
                matches: labels.map { selector.matches($0) }, includesError: true)
        } catch {
            return failure("line \(lineNumber): \(error.description)")
        }
    }
}

/// One output line. Absent values are written as `null`, not left out.
struct SelectorResult: Encodable, Equatable {
    var canonical: String?
    var error: String?
    var id: String?
    var matches: Bool?
    /// The single-selector form has no `error` key (its errors go to stderr).
    var includesError: Bool

    enum CodingKeys: String, CodingKey { case canonical, error, id, matches }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(canonical, forKey: .canonical)
        if includesError { try container.encode(error, forKey: .error) }
        try container.encode(id, forKey: .id)
        try container.encode(matches, forKey: .matches)
    }
}
