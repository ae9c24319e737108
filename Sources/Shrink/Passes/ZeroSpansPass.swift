// Zero spans: replace a span by its simplest form (all choices 0: an empty list, a leaf, a
// zero). Cost: at most two evaluations per non-zero span per round.
import Gen

/// Replaces each span with zeros. A zeroed span usually consumes fewer choices than it had (an
/// emptied list reads one flag), which would leave its leftover zeros to the next generator;
/// so when the all-zero candidate is rejected, the pass reads from that run how long the
/// span's simplest form actually is, and tries again with exactly that many zeros.
public struct ZeroSpansPass: ShrinkPass {
    public let name = "zero-spans"
    public init() {}

    public func run(_ context: ShrinkContext) {
        var index = 0
        while index < context.spans.count, !context.exhausted {
            let span = context.spans[index]
            index += 1
            guard span.length > 0, context.best.values[span.range].contains(where: { $0 != 0 }) else { continue }
            let zeros = [UInt64](repeating: 0, count: span.length)
            let attempt = context.probe(context.replacing(span.range, with: zeros))
            if attempt.accepted { continue }
            guard let recording = attempt.recording,
                  let simplest = recording.spans.first(where: {
                      $0.start == span.start && $0.label == span.label && $0.depth == span.depth }),
                  simplest.length < span.length else { continue }
            context.consider(context.replacing(span.range, with: [UInt64](repeating: 0, count: simplest.length)))
        }
    }
}
