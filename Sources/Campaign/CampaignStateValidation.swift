import CalcGraph
import Driver
import Foundation
import Gen

// A state file is input like the command line, and is checked as strictly: a field out of
// range is an error that names it, never a value silently replaced. The bounds are the
// command line's (workers 1…1024, shard I/N with 0 ≤ I < N) plus what keeps the arithmetic
// of a resumed campaign inside Int: every sequence index is at most `maximumIndex`, far
// beyond what any campaign reaches (2^48 sequences at a million per second is nine years).

extension CampaignState {
    /// The largest sequence index a state file may hold.
    public static let maximumIndex = 1 << 48
    /// The longest time a state may record or ask for: ten years, the command line's bound too.
    public static let maximumSeconds: Double = 315_360_000
    /// The largest number of shards (the same bound as workers, squared, keeps strides small).
    public static let maximumShards = 1 << 20

    /// Checks every field; the first problem is a `ReproducerError` naming the field, what
    /// was found and what is allowed.
    public func validate(source: String) throws {
        func bad(_ field: String, _ found: String, _ expected: String) -> ReproducerError {
            ReproducerError("\(source): field \"\(field)\" is \(found); expected \(expected)")
        }
        guard version >= 1 else { throw bad("version", String(version), "1 or more") }
        guard Self.parseSeed(seed) != nil else {
            throw bad("seed", "\"\(seed)\"", "an unsigned 64-bit number as a decimal string, e.g. \"42\"")
        }
        guard ClusterScale(rawValue: scale) != nil else {
            throw bad("scale", "\"\(scale)\"", ClusterScale.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or "))
        }
        guard TargetSpec.Kind(rawValue: target) != nil else {
            throw bad("target", "\"\(target)\"", TargetSpec.Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or "))
        }
        for (position, name) in injections.enumerated() where InjectedBug(rawValue: name) == nil {
            throw bad("injections[\(position)]", "\"\(name)\"", "a name 'k8sfv fuzz --list-injections' prints")
        }
        guard (1...Self.maximumShards).contains(shards) else {
            throw bad("shards", String(shards), "a whole number from 1 to \(Self.maximumShards)")
        }
        guard (0..<shards).contains(shard) else { throw bad("shard", String(shard), "0 ≤ shard < shards (\(shards))") }
        guard (1...1024).contains(workers) else { throw bad("workers", String(workers), "a whole number from 1 to 1024") }
        guard !outputDirectory.isEmpty, !outputDirectory.contains("\0") else {
            throw bad("outputDirectory", "\"\(outputDirectory)\"", "a directory path")
        }
        if let sequenceLimit, !(1...Self.maximumIndex).contains(sequenceLimit) {
            throw bad("sequenceLimit", String(sequenceLimit), "a whole number from 1 to \(Self.maximumIndex), or null")
        }
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0 && timeLimit <= Self.maximumSeconds) {
            throw bad("timeLimit", String(timeLimit), "seconds, more than 0 and at most \(Int(Self.maximumSeconds)), or null")
        }
        guard elapsed.isFinite, elapsed >= 0, elapsed <= Self.maximumSeconds else {
            throw bad("elapsed", String(elapsed), "seconds already run, from 0 to \(Int(Self.maximumSeconds))")
        }
        guard nextIndices.count == workers else {
            throw bad("nextIndices", "a list of \(nextIndices.count)", "one index per worker (\(workers))")
        }
        let layout = self.layout
        for (worker, index) in nextIndices.enumerated() {
            guard (0...Self.maximumIndex).contains(index) else {
                throw bad("nextIndices[\(worker)]", String(index), "an index from 0 to \(Self.maximumIndex)")
            }
            guard index >= layout.firstIndex(worker: worker),
                (index - layout.firstIndex(worker: worker)) % layout.stride == 0
            else {
                throw bad(
                    "nextIndices[\(worker)]", String(index),
                    "an index worker \(worker) runs (\(layout.firstIndex(worker: worker)) + \(layout.stride)·k)")
            }
        }
        for (position, entry) in signatures.enumerated() where entry.count < 0 {
            throw bad("signatures[\(position)].count", String(entry.count), "0 or more")
        }
        for (position, record) in failures.enumerated() {
            guard record.reproducerID.isEmpty || Reproducer.isWellFormedID(record.reproducerID) else {
                throw bad("failures[\(position)].reproducerID", "\"\(record.reproducerID)\"", "12 lowercase hex digits")
            }
            guard (-1...Self.maximumIndex).contains(record.index) else {
                throw bad("failures[\(position)].index", String(record.index), "a sequence index from 0 to \(Self.maximumIndex), or -1")
            }
            guard record.duplicates >= 0 else { throw bad("failures[\(position)].duplicates", String(record.duplicates), "0 or more") }
        }
        let counts = [("sequences", statistics.sequences), ("steps", statistics.steps), ("failures", statistics.failures)]
            + statistics.stepKinds.sorted { $0.key < $1.key }.map { ("stepKinds.\($0.key)", $0.value) }
            + statistics.messageKinds.sorted { $0.key < $1.key }.map { ("messageKinds.\($0.key)", $0.value) }
            + statistics.messagesByStepKind.sorted { $0.key < $1.key }.map { ("messagesByStepKind.\($0.key)", $0.value) }
        for (name, value) in counts where !(0...Self.maximumIndex).contains(value) {
            throw bad("statistics.\(name)", String(value), "a count from 0 to \(Self.maximumIndex)")
        }
        for (position, entry) in signatures.enumerated() where entry.count > Self.maximumIndex {
            throw bad("signatures[\(position)].count", String(entry.count), "at most \(Self.maximumIndex)")
        }
    }

    /// A seed as the state stores it: a decimal string of an unsigned 64-bit number.
    public static func parseSeed(_ text: String) -> UInt64? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(text)
    }
}
