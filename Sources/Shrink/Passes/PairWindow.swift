// Pair window: the traversal the two-number passes share. Visits every pair of choice indices
// (first, second) with second - first ≤ window, in order, re-reading the current best's length
// as it shrinks, until the budget runs out. Cost: O(length × window) visits.

extension ShrinkContext {
    func forEachPair(within window: Int, _ visit: (_ first: Int, _ second: Int) -> Void) {
        var first = 0
        while first < best.count, !exhausted {
            var second = first + 1
            while second < min(best.count, first + 1 + window), !exhausted {
                visit(first, second)
                second += 1
            }
            first += 1
        }
    }
}
