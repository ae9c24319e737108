// Delete and lower: remove one element of a list while lowering, by one, the values in the
// other elements that point past it. Takes the best sequence and its sibling spans; gives a
// shorter sequence where an element can go only if the indices into the list shift with it.
// Cost: per sibling span, at most one evaluation per column (offset inside the element) that
// holds a value above the element's position and no larger than the list's length (a larger
// value cannot index the list, and lowering it by one would crawl down a huge number);
// nothing for columns with no such value.
import Gen

/// Why: when list values index into the list (the `coupling` challenge: `[0, 2, 1]` fails
/// because ls[1] = 2 and ls[2] = 1), no element can be deleted alone — the indices after it
/// would point one too far, or past the end — and no value can be lowered alone without
/// losing the failure. Deleting element p and lowering every value above p in one column of
/// the remaining elements keeps every pointer on the same target: `[0, 2, 1]` → `[1, 0]`.
/// The pass is generic: it does not know which choices are indices, so it tries each
/// column (the choices at one offset inside the sibling spans) separately; a column of
/// "one more?" flags simply fails. This is the "lower and delete together" move Hypothesis
/// makes when shrinking a choice changes what follows (see pbt-anchors.md §2.2).
public struct DeleteAndLowerPass: ShrinkPass {
    public let name = "delete-and-lower"
    public init() {}

    public func run(_ context: ShrinkContext) {
        var groupIndex = 0, position = 0
        while !context.exhausted {
            let groups = SiblingGroups.groups(in: context.spans)
            guard groupIndex < groups.count else { return }
            let group = groups[groupIndex]
            guard position < group.count else { groupIndex += 1; position = 0; continue }
            if !tryDeleting(at: position, of: group, context) { position += 1 }
            // On success the group is one shorter and `position` names the next element.
        }
    }

    /// Deletes `group[position]`, lowering one column of the other siblings; true if accepted.
    private func tryDeleting(at position: Int, of group: [ChoiceSpan], _ context: ShrinkContext) -> Bool {
        let deleted = group[position]
        let values = context.best.values
        let others = group.enumerated().filter { $0.offset != position }.map(\.element)
        let threshold = UInt64(position)
        let width = others.map(\.length).max() ?? 0
        for column in 0..<width where !context.exhausted {
            var lowered = values
            var changed = false
            for sibling in others where column < sibling.length {
                let index = sibling.start + column
                // Only values that could index this list (at most its length) are pointers.
                if lowered[index] > threshold, lowered[index] <= UInt64(group.count) { lowered[index] -= 1; changed = true }
            }
            guard changed else { continue }
            lowered.removeSubrange(deleted.range)
            if context.consider(ChoiceSequence(lowered)) { return true }
        }
        return false
    }
}
