// Swap adjacent spans: exchange two neighbouring siblings when that makes the sequence
// smaller; catches what a full sort cannot (the sorted order may not fail).
// Cost: at most one evaluation per adjacent sibling pair per round.
import Gen

public struct SwapAdjacentSpansPass: ShrinkPass {
    public let name = "swap-adjacent"
    public init() {}

    public func run(_ context: ShrinkContext) {
        var groupIndex = 0, pairIndex = 0
        while !context.exhausted {
            let groups = SiblingGroups.groups(in: context.spans)
            guard groupIndex < groups.count else { return }
            let group = groups[groupIndex]
            guard pairIndex + 1 < group.count else { groupIndex += 1; pairIndex = 0; continue }
            let left = group[pairIndex], right = group[pairIndex + 1]
            let values = context.best.values
            let candidate = SiblingGroups.rebuild(values, spans: [left, right],
                                                  slices: [values[right.range], values[left.range]])
            if candidate < context.best { context.consider(candidate) }
            pairIndex += 1
        }
    }
}
