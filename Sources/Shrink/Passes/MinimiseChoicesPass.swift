// Minimise choices: lower each choice on its own, toward 0 (AdaptiveSearch.lowestAccepted:
// 0, 1, halving, then subtracting). Cost: about 5 evaluations for a choice that cannot move,
// O(log distance) for one that can, per round; more when lowering reshapes what is read
// (see below).
import Gen

/// Lowers each choice. Two repairs are tried when a lowered value alone is rejected:
/// - when it makes the generator read fewer choices (a length or count went down), the
///   leftover choices would shift onto later generators; so the pass also tries deleting that
///   many choices right after the lowered one (what `length list` needs: n − k together with
///   the first k elements gone);
/// - when the choice opens a span (it picks which branch the span takes: `+` or `/`, a leaf or
///   a node), the rest of the span was drawn for the old branch; so the pass also tries the
///   new branch with the rest of the span zeroed, its simplest form (`(/ 0 (/ 0 1))` →
///   `(/ 0 (+ 0 0))`: neither `+` with the old operands nor the old operands alone fail).
public struct MinimiseChoicesPass: ShrinkPass {
    public let name = "minimise-choices"
    public init() {}

    public func run(_ context: ShrinkContext) {
        var index = 0
        while index < context.best.count, !context.exhausted {
            let current = context.best.values[index]
            let length = context.best.count
            let branchSpan = context.spans.last { $0.start == index && $0.length > 1 }
            AdaptiveSearch.lowestAccepted(from: current) { value in
                // Once the sequence changed shape, this index means something else: stop.
                guard context.best.count == length, let candidate = context.setting([(index, value)]) else { return false }
                let attempt = context.probe(candidate)
                if attempt.accepted { return true }
                if let consumed = attempt.recording?.sequence.count, consumed < candidate.count {
                    let unread = candidate.count - consumed
                    var values = candidate.values
                    values.removeSubrange(index + 1..<min(values.count, index + 1 + unread))
                    if context.consider(ChoiceSequence(values)) { return true }
                }
                guard let span = branchSpan, span.end <= candidate.count,
                      candidate.values[(index + 1)..<span.end].contains(where: { $0 != 0 }) else { return false }
                var zeroed = candidate.values
                zeroed.replaceSubrange((index + 1)..<span.end, with: repeatElement(0, count: span.end - index - 1))
                return context.consider(ChoiceSequence(zeroed))
            }
            index += 1
        }
    }
}
