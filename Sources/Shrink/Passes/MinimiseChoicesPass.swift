// Minimise choices: lower each choice on its own, by binary search toward 0.
// Cost: about log2(value) evaluations per non-zero choice per round.
import Gen

public struct MinimiseChoicesPass: ShrinkPass {
    public let name = "minimise-choices"
    public init() {}

    public func run(_ context: ShrinkContext) {
        var index = 0
        while index < context.best.count, !context.exhausted {
            let current = context.best.values[index]
            let length = context.best.count
            AdaptiveSearch.lowestAccepted(from: current) { value in
                // Once the sequence changed shape, this index means something else: stop.
                guard context.best.count == length, let candidate = context.setting([(index, value)]) else { return false }
                return context.consider(candidate)
            }
            index += 1
        }
    }
}
