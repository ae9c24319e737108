// Delete spans: remove one generator's whole slice (an element, a step, a subtree), and on
// success the following siblings with it, as many as still fail (found adaptively).
// Cost: at most one evaluation per span per round, plus O(log k) to delete k more siblings.
import Gen

/// Tries deleting each span's choices, outermost first (in recorded order). Deleting a list
/// element's span removes exactly that element, because of how `array(count:)` records.
/// When one element can go, its neighbours often can too (the challenge's `reverse` and
/// `deletion` start from lists of 7 to 15 elements and need 2): deleting them one call each
/// costs a call per element, so after a success the pass probes deleting the next 1, 2, 3, 4,
/// 8, … siblings together (`AdaptiveSearch.findInteger`, as Hypothesis extends a successful
/// deletion), which costs O(log k) calls for k deletable neighbours.
public struct DeleteSpansPass: ShrinkPass {
    public let name = "delete-spans"
    /// Whether a successful deletion probes deleting the following siblings with it.
    public let extendsToSiblings: Bool
    public init(extendsToSiblings: Bool = true) { self.extendsToSiblings = extendsToSiblings }

    public func run(_ context: ShrinkContext) {
        var index = 0
        while index < context.spans.count, !context.exhausted {
            let span = context.spans[index]
            let following = Self.followingSiblingLengths(of: index, in: context.spans)
            if span.length > 0, context.consider(context.replacing(span.range, with: [])) {
                if extendsToSiblings, !following.isEmpty { deleteMore(after: span.start, lengths: following, context) }
                continue  // a new span now sits at `index`
            }
            index += 1
        }
    }

    /// After the span at `start` went, its next siblings sit at `start`: deletes the longest
    /// run of them that still fails.
    private func deleteMore(after start: Int, lengths: [Int], _ context: ShrinkContext) {
        let base = context.best
        var prefixLengths = [0]
        for length in lengths { prefixLengths.append(prefixLengths.last! + length) }
        _ = AdaptiveSearch.findInteger(limit: lengths.count) { count in
            guard count > 0 else { return true }
            var values = base.values
            let end = start + prefixLengths[count]
            guard end <= values.count else { return false }
            values.removeSubrange(start..<end)
            return context.consider(ChoiceSequence(values))
        }
    }

    /// Lengths of the siblings (same parent and label) that follow `spans[index]` back to back.
    static func followingSiblingLengths(of index: Int, in spans: [ChoiceSpan]) -> [Int] {
        let span = spans[index]
        var lengths: [Int] = []
        var end = span.end
        for other in spans[(index + 1)...] where other.parent == span.parent && other.label == span.label && other.depth == span.depth {
            guard other.start == end, other.length > 0 else { break }
            lengths.append(other.length)
            end = other.end
        }
        return lengths
    }
}
