import Calico
import Campaign
import Driver
import FelixWire
import Foundation
import JSONCore

/// `--json` output: one JSON object per line, with an `event` field naming what happened.
enum EventJSON {
    static func line(for event: CampaignEvent) -> String {
        var object: [String: JSONValue] = [:]
        switch event {
        case .sequenceFinished(let index, let steps, let failed):
            object = ["event": "sequence", "index": .int(Int64(index)), "steps": .int(Int64(steps)), "failed": .bool(failed)]
        case .failureFound(let index, let failure):
            object = [
                "event": "failure", "index": .int(Int64(index)), "signature": .string(failure.signature.description),
                "location": .string(failure.location),
            ]
        case .reproducerSaved(let record):
            object = [
                "event": "reproducer", "path": .string(record.path), "id": .string(record.reproducerID),
                "signature": .string(record.signature.description),
                "originalSteps": .int(Int64(record.originalSteps)), "shrunkSteps": .int(Int64(record.shrunkSteps)),
                "shrinkSeconds": .double(record.shrinkSeconds), "shrinkEvaluations": .int(Int64(record.shrinkEvaluations)),
            ]
        case .duplicateFailure(let index, let signature):
            object = ["event": "duplicate", "index": .int(Int64(index)), "signature": .string(signature.description)]
        }
        return JSONValue.object(object).serialized()
    }

    static func summaryLine(_ summary: CampaignSummary, stateFile: String? = nil) -> String {
        let stats = summary.statistics
        var object: [String: JSONValue] = [
            "event": "summary", "seed": .string(summary.seed), "sequences": .int(Int64(stats.sequences)),
            "steps": .int(Int64(stats.steps)), "failures": .int(Int64(summary.failures.count)),
            "elapsed": .double(summary.elapsed), "interrupted": .bool(summary.interrupted),
            "nextIndex": .int(Int64(summary.nextIndex)),
            "duplicates": .int(Int64(summary.failures.reduce(0) { $0 + $1.duplicates })),
            "reproducers": .array(summary.failures.map { .string($0.path) }),
        ]
        if let indices = summary.nextIndices { object["nextIndices"] = .array(indices.map { .int(Int64($0)) }) }
        if let layout = summary.layout {
            object["workers"] = .int(Int64(layout.workers))
            object["shard"] = .string("\(layout.shard)/\(layout.shards)")
        }
        if let stateFile { object["state"] = .string(stateFile) }
        return JSONValue.object(object).serialized()
    }
}
