import Synchronization

// Memo: a process-wide table of results of a pure function, shared by every thread. Used for
// the conversions whose result depends on their input alone (a selector's parse, canonical text
// and SHA-224 ID; a unique ID's hash), so each distinct input is worked out once. Bounded: when
// it holds `capacity` entries it is emptied and starts again, so a long campaign over ever-new
// inputs cannot grow it without limit. The answers never depend on what is cached, only the cost.
// Cost: one hash of the key and one uncontended lock per lookup.

/// A bounded, thread-safe memo of a pure function `Key → Value`.
public final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let table = Mutex<[Key: Value]>([:])
    private let capacity: Int

    public init(capacity: Int) { self.capacity = capacity }

    /// The remembered value for `key`, or `compute()`'s, remembered. `compute` runs outside the
    /// lock (two threads may both compute a value the first time; they get equal results).
    @inline(__always)
    public func value(for key: Key, _ compute: () throws -> Value) rethrows -> Value {
        if let known = table.withLock({ $0[key] }) { return known }
        let value = try compute()
        table.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
        return value
    }
}
