import Calico
import Driver
import Foundation

// Resuming after a kill -9: the state is saved every few seconds, so it can hold a signature
// that was found (and counted) but whose reproducer was still being shrunk, or was saved
// after the last state write. Left as is, the resumed campaign would treat that signature as
// known (never shrinking it again) while listing no reproducer for it: "no property failed"
// with exit 1. So each signature without a record is matched to a reproducer on disk with
// the same signature. A record without a reproducer id is a shrink that was running when the
// state was written ("pending"): the resumed campaign shrinks it again from its index. A
// signature with neither (a state from before pending records) is forgotten, to be found
// again.

extension CampaignState {
    /// The signatures and records a resumed campaign starts from, reconciled with the
    /// reproducers in `outputDirectory` (files that do not load are skipped).
    public func reconciled(outputDirectory: URL) -> (
        signatures: [FailureSignature: Int], records: [FailureRecord], pending: [FailureRecord]
    ) {
        var counts: [FailureSignature: Int] = [:]
        for entry in signatures { counts[entry.signature] = entry.count }
        var records = failures.filter { !$0.reproducerID.isEmpty }
        let recorded = Set(records.map(\.signature))
        var pendingBySignature: [FailureSignature: FailureRecord] = [:]
        for record in failures where record.reproducerID.isEmpty && record.index >= 0 && !recorded.contains(record.signature) {
            pendingBySignature[record.signature] = record
        }
        let missing = counts.keys.filter { !recorded.contains($0) }
        guard !missing.isEmpty else { return (counts, records, []) }
        var pending: [FailureRecord] = []
        var onDisk: [FailureSignature: (Reproducer, URL)] = [:]
        for url in (try? ReproducerStore(directory: outputDirectory).all()) ?? [] {
            guard let reproducer = try? Reproducer.load(from: url), reproducer.expect == .fail,
                let signature = reproducer.failure?.signature
            else { continue }
            if let current = onDisk[signature], (current.0.stepCount, current.0.id) <= (reproducer.stepCount, reproducer.id) { continue }
            onDisk[signature] = (reproducer, url)
        }
        for signature in missing.sorted() {
            guard let (reproducer, url) = onDisk[signature] else {
                if let record = pendingBySignature[signature] {
                    pending.append(record)
                } else {
                    counts.removeValue(forKey: signature)
                }
                continue
            }
            records.append(FailureRecord(
                signature: signature, reproducerID: reproducer.id, path: url.path, seed: reproducer.origin.seed ?? seed,
                index: reproducer.origin.index ?? -1, originalSteps: reproducer.originalStepCount,
                shrunkSteps: reproducer.stepCount, shrinkEvaluations: 0, shrinkSeconds: 0, shrinkBudgetExhausted: false,
                message: reproducer.failure?.description ?? "", duplicates: max(0, (counts[signature] ?? 1) - 1)))
        }
        return (counts, records, pending)
    }

    /// The record a state holds for a failure whose shrink is still running.
    public static func pendingRecord(signature: FailureSignature, seed: String, index: Int, failure: Failure, duplicates: Int) -> FailureRecord {
        FailureRecord(
            signature: signature, reproducerID: "", path: "", seed: seed, index: index, originalSteps: 0, shrunkSteps: 0,
            shrinkEvaluations: 0, shrinkSeconds: 0, shrinkBudgetExhausted: false,
            message: (try? KubeJSON.encodeString(failure)) ?? failure.description, duplicates: duplicates)
    }

    /// The failure a pending record carries (its message is the failure as JSON).
    public static func pendingFailure(_ record: FailureRecord) -> Failure {
        (try? JSONDecoder().decode(Failure.self, from: Data(record.message.utf8)))
            ?? Failure(property: record.signature.property, kind: record.signature.kind, stepIndex: nil, stepKind: nil, details: [])
    }
}
