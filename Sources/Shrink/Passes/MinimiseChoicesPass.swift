// Minimise choices: lower each choice on its own, by binary search toward 0.
// Cost: about log2(value) evaluations per non-zero choice per round (twice that when lowering
// shortens what is read, see below).
import Gen

/// Lowers each choice. When a lowered value makes the generator read fewer choices (a length
/// or count went down), the leftover choices would shift onto later generators; so the pass
/// also tries deleting that many choices right after the lowered one (what `length list`
/// needs: n − k together with the first k elements gone).
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
                let attempt = context.probe(candidate)
                if attempt.accepted { return true }
                guard let consumed = attempt.recording?.sequence.count, consumed < candidate.count else { return false }
                let unread = candidate.count - consumed
                var values = candidate.values
                values.removeSubrange(index + 1..<min(values.count, index + 1 + unread))
                return context.consider(ChoiceSequence(values))
            }
            index += 1
        }
    }
}
