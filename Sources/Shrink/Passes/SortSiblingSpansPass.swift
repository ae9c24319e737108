// Sort sibling spans: put the slices of sibling spans in shortlex order (simplest element
// first), normalising permutations. Cost: one evaluation per sibling group per round.
import Gen

public struct SortSiblingSpansPass: ShrinkPass {
    public let name = "sort-siblings"
    public init() {}

    public func run(_ context: ShrinkContext) {
        var groupIndex = 0
        while !context.exhausted {
            let groups = SiblingGroups.groups(in: context.spans)
            guard groupIndex < groups.count else { return }
            let group = groups[groupIndex]
            let values = context.best.values
            let slices = group.map { values[$0.range] }
            let sorted = slices.sorted { ChoiceSequence(Array($0)) < ChoiceSequence(Array($1)) }
            if sorted != slices {
                context.consider(SiblingGroups.rebuild(values, spans: group, slices: sorted))
            }
            groupIndex += 1
        }
    }
}
