// AdaptiveSearch: the integer searches the passes share. findInteger costs O(log n) calls to
// find how far a monotone success extends; lowestAccepted is a binary search toward 0.

enum AdaptiveSearch {
    /// The largest n ≥ 0 with `accepts(n)` true, assuming accepts(0) is true and the predicate
    /// is monotone: probes 1…4 linearly, then doubles, then bisects (as Hypothesis's
    /// `find_integer`, hypothesis/internal/conjecture/junkdrawer.py), so long runs of successes
    /// cost logarithmically many calls.
    static func findInteger(limit: Int = .max, _ accepts: (Int) -> Bool) -> Int {
        let limit = min(limit, Int.max - 1)  // so that limit + 1 below cannot overflow
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

    /// Lowers `current` toward 0 the way Hypothesis's integer shrinker does
    /// (hypothesis/internal/conjecture/shrinking/integer.py): 0, then 1, then halving (a right
    /// shift found by `findInteger`), then subtracting twos, then ones (again by `findInteger`). `accept` must
    /// only succeed on values below the current best; it is called with decreasing values as
    /// long as they are accepted. Why not a plain binary search: that costs log2(value) calls
    /// even when nothing lower works (63 for a 64-bit magnitude), while this gives up after 5
    /// calls, and it costs O(log(current − lowest)) when something does work: what a choice
    /// that cannot move costs matters more, since most choices in a minimal example cannot.
    /// On a monotone predicate (every value from the lowest accepted up is accepted) it still
    /// ends at the lowest accepted value.
    static func lowestAccepted(from current: UInt64, _ accept: (UInt64) -> Bool) {
        guard current > 0, !accept(0) else { return }
        guard current > 1, !accept(1) else { return }
        var value = current
        if value > 4 {
            let start = value
            let shift = findInteger(limit: 63) { k in k == 0 || (start >> UInt64(k) > 1 && accept(start >> UInt64(k))) }
            value = start >> UInt64(shift)
        }
        // Subtract multiples of 2 first: it steps over a single failing value in between
        // ([10, 11] → [10, 9] when 10 is rejected), then multiples of 1.
        for step: UInt64 in [2, 1] where value > 2 {
            let base = value
            let count = findInteger(limit: Int(clamping: (base - 2) / step)) { n in n == 0 || accept(base - UInt64(n) * step) }
            value = base - UInt64(count) * step
        }
    }
}
