// Redistribute pairs: move an amount from an earlier choice to a later one, keeping their sum
// (Hypothesis's redistribute_numeric_pairs). This is what solves `bound5`: two numbers whose
// sum matters, where neither can shrink alone. Cost: one evaluation per pair that cannot move,
// O(log amount) for a pair that can; pairs at most `window` apart, and only pairs of alike
// choices (one column, see ChoiceColumn) or neighbours, whose first value is at least 2. That
// last pair kind turns a magnitude into a sign (2, +) → (1, −), i.e. 2 into −1, one step down
// the shortlex order. Why the restriction: moving 1 from a flag to anything only reorders
// elements, and unalike pairs far apart were most of this pass's evaluations, all failing.
import Gen

public struct RedistributePairsPass: ShrinkPass {
    public let name = "redistribute-pairs"
    public let window: Int
    public init(window: Int = 16) { self.window = window }

    public func run(_ context: ShrinkContext) {
        var columns = ChoiceColumn.columns(count: context.best.count, spans: context.spans)
        var columnsOf = context.best
        context.forEachPair(within: window) { first, second in
            let values = context.best.values
            if columnsOf != context.best {
                columns = ChoiceColumn.columns(count: context.best.count, spans: context.spans)
                columnsOf = context.best
            }
            if values[first] >= 2, second == first + 1 || columns[first] == columns[second] {
                let length = values.count
                let a = values[first], b = values[second]
                // Move `amount` from `first` to `second` (saturating: replay clamps anyway).
                let move: (Int) -> Bool = { amount in
                    guard amount > 0 else { return true }
                    guard context.best.count == length else { return false }
                    let moved = UInt64(amount)
                    let raised = b.addingReportingOverflow(moved)
                    guard let candidate = context.setting([(first, a - moved),
                                                           (second, raised.overflow ? .max : raised.partialValue)])
                    else { return false }
                    return context.consider(candidate)
                }
                // Everything at once first: when it works (the first value was free to go to
                // zero), one call instead of the probes' one per doubling.
                if !move(Int(clamping: a)) { _ = AdaptiveSearch.findInteger(limit: Int(clamping: a), move) }
            }
        }
    }
}
