// AdaptiveSearch: the integer searches the passes share. findInteger costs O(log n) calls to
// find how far a monotone success extends; lowestAccepted is a binary search toward 0.

enum AdaptiveSearch {
    /// The largest n ≥ 0 with `accepts(n)` true, assuming accepts(0) is true and the predicate
    /// is monotone: probes 1…4 linearly, then doubles, then bisects (as Hypothesis's
    /// `find_integer`, hypothesis/internal/conjecture/junkdrawer.py), so long runs of successes
    /// cost logarithmically many calls.
    static func findInteger(limit: Int = .max, _ accepts: (Int) -> Bool) -> Int {
        var low = 0
        for n in 1...4 {
            guard n <= limit, accepts(n) else { return n - 1 }
            low = n
        }
        var high = low + 1
        while high <= limit, accepts(high) {
            low = high
            high = high > limit / 2 ? limit + 1 : high * 2
        }
        high = min(high, limit + 1)
        while low + 1 < high {
            let mid = low + (high - low) / 2
            if accepts(mid) { low = mid } else { high = mid }
        }
        return low
    }

    /// Lowers `current` toward 0: tries 0, then bisects between the highest rejected and the
    /// lowest accepted value. `accept` must only succeed on values below the current best.
    static func lowestAccepted(from current: UInt64, _ accept: (UInt64) -> Bool) {
        guard current > 0, !accept(0) else { return }
        var rejected: UInt64 = 0, accepted = current
        while accepted - rejected > 1 {
            let mid = rejected + (accepted - rejected) / 2
            if accept(mid) { accepted = mid } else { rejected = mid }
        }
    }
}
