// Hoist descendant: replace a span with the slice of a nested span of the same label (a
// subtree with one of its own subtrees, as Hypothesis's pass_to_descendant). Cost: one
// evaluation per (span, same-label descendant) pair tried, nearest descendants only.
import Gen

/// Shrinks recursive data by whole levels: `(+ (/ 0 x) 5)` can become `(/ 0 x)` in one step.
public struct HoistDescendantPass: ShrinkPass {
    public let name = "hoist-descendant"
    public init() {}

    public func run(_ context: ShrinkContext) {
        var index = 0
        while index < context.spans.count, !context.exhausted {
            let span = context.spans[index]
            var replaced = false
            for childIndex in nearestSameLabelDescendants(of: index, in: context.spans) {
                let child = context.spans[childIndex]
                guard child.length < span.length else { continue }
                let slice = Array(context.best.values[child.range])
                if context.consider(context.replacing(span.range, with: slice)) { replaced = true; break }
            }
            if !replaced { index += 1 }
        }
    }

    /// Descendants labelled like `spans[index]` with no same-labelled span in between. Spans
    /// are in pre-order, so a span's subtree is the run of following spans that are deeper.
    private func nearestSameLabelDescendants(of index: Int, in spans: [ChoiceSpan]) -> [Int] {
        let outer = spans[index]
        var result: [Int] = []
        var candidate = index + 1
        while candidate < spans.count, spans[candidate].depth > outer.depth {
            let inner = spans[candidate]
            candidate += 1
            guard inner.label == outer.label else { continue }
            result.append(candidate - 1)
            while candidate < spans.count, spans[candidate].depth > inner.depth { candidate += 1 }
        }
        return result
    }
}
