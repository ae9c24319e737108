// Lower together: lower two nearby choices by the same amount (Hypothesis's
// lower_integers_together), keeping their difference. Solves the `difference` challenges,
// where neither number can move alone. Cost: one evaluation per pair that cannot move,
// O(log amount) for a pair that can; pairs at most `window` apart.
import Gen

public struct LowerTogetherPass: ShrinkPass {
    public let name = "lower-together"
    public let window: Int
    public init(window: Int = 3) { self.window = window }

    public func run(_ context: ShrinkContext) {
        context.forEachPair(within: window) { first, second in
            let values = context.best.values
            let a = values[first], b = values[second]
            if a > 0, b > 0, a != b {  // equal values are LowerDuplicatesPass's job
                let length = values.count
                _ = AdaptiveSearch.findInteger(limit: Int(clamping: min(a, b))) { amount in
                    guard amount > 0 else { return true }
                    guard context.best.count == length,
                          let candidate = context.setting([(first, a - UInt64(amount)), (second, b - UInt64(amount))])
                    else { return false }
                    return context.consider(candidate)
                }
            }
        }
    }
}
