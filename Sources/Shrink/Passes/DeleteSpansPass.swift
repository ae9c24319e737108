// Delete spans: remove one generator's whole slice (an element, a step, a subtree).
// Cost: at most one evaluation per span per round.
import Gen

/// Tries deleting each span's choices, outermost first (in recorded order). Deleting a list
/// element's span removes exactly that element, because of how `array(count:)` records.
public struct DeleteSpansPass: ShrinkPass {
    public let name = "delete-spans"
    public init() {}

    public func run(_ context: ShrinkContext) {
        var index = 0
        while index < context.spans.count, !context.exhausted {
            let span = context.spans[index]
            if span.length > 0, context.consider(context.replacing(span.range, with: [])) {
                continue  // a new span now sits at `index`
            }
            index += 1
        }
    }
}
