import Calico
import Driver
import FelixWire
import Foundation

/// `--json` output: one JSON object per line, with an `event` field naming what happened.
enum EventJSON {
    static func line(for event: CampaignEvent) -> String {
        var object: [String: JSONValue] = [:]
        switch event {
        case .sequenceFinished(let index, let steps, let failed):
            object = ["event": "sequence", "index": .number(Double(index)), "steps": .number(Double(steps)), "failed": .bool(failed)]
        case .failureFound(let index, let failure):
            object = [
                "event": "failure", "index": .number(Double(index)), "signature": .string(failure.signature.description),
                "location": .string(failure.location),
            ]
        case .reproducerSaved(let record):
            object = [
                "event": "reproducer", "path": .string(record.path), "id": .string(record.reproducerID),
                "signature": .string(record.signature.description),
                "originalSteps": .number(Double(record.originalSteps)), "shrunkSteps": .number(Double(record.shrunkSteps)),
                "shrinkSeconds": .number(record.shrinkSeconds), "shrinkEvaluations": .number(Double(record.shrinkEvaluations)),
            ]
        case .duplicateFailure(let index, let signature):
            object = ["event": "duplicate", "index": .number(Double(index)), "signature": .string(signature.description)]
        }
        return JSONValue.object(object).serialized
    }

    static func summaryLine(_ summary: CampaignSummary, stateFile: String? = nil) -> String {
        let stats = summary.statistics
        var object: [String: JSONValue] = [
            "event": "summary", "seed": .string(summary.seed), "sequences": .number(Double(stats.sequences)),
            "steps": .number(Double(stats.steps)), "failures": .number(Double(summary.failures.count)),
            "elapsed": .number(summary.elapsed), "interrupted": .bool(summary.interrupted),
            "nextIndex": .number(Double(summary.nextIndex)),
            "duplicates": .number(Double(summary.failures.reduce(0) { $0 + $1.duplicates })),
            "reproducers": .array(summary.failures.map { .string($0.path) }),
        ]
        if let indices = summary.nextIndices { object["nextIndices"] = .array(indices.map { .number(Double($0)) }) }
        if let layout = summary.layout {
            object["workers"] = .number(Double(layout.workers))
            object["shard"] = .string("\(layout.shard)/\(layout.shards)")
        }
        if let stateFile { object["state"] = .string(stateFile) }
        return JSONValue.object(object).serialized
    }
}

/// A tiny JSON value for building output lines with sorted keys.
enum JSONValue: ExpressibleByStringLiteral {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    init(stringLiteral value: String) { self = .string(value) }

    var serialized: String {
        switch self {
        case .string(let s): return JSONValue.quote(s)
        case .number(let n):
            if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
            return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.serialized).joined(separator: ",") + "]"
        case .object(let fields):
            return "{" + fields.keys.sorted().map { JSONValue.quote($0) + ":" + fields[$0]!.serialized }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String { JSONText.quoted(s) }
}
