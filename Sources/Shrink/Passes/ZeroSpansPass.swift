// Zero spans: replace a span by its simplest form (all choices 0: an empty list, a leaf, a
// zero). Cost: at most two evaluations per non-zero span per round.
import Gen

/// Replaces each span with zeros. A zeroed span usually consumes fewer choices than it had (an
/// emptied list reads one flag), which would leave its leftover zeros to the next generator;
/// so when the all-zero candidate is rejected, the pass reads from that run how long the
/// span's simplest form actually is, and tries again with exactly that many zeros.
public struct ZeroSpansPass: ShrinkPass {
    public let name = "zero-spans"
    /// Whether a successful zeroing probes zeroing the following siblings with it.
    public let extendsToSiblings: Bool
    public init(extendsToSiblings: Bool = true) { self.extendsToSiblings = extendsToSiblings }

    /// After a span was zeroed in place, its next siblings start at `start` (same length, the
    /// zeroed span kept its length): zeroes the longest run of them that still fails, in
    /// O(log k) calls for k (`length list` zeroes ~26 elements one call each otherwise).
    private func zeroMore(after start: Int, lengths: [Int], _ context: ShrinkContext) {
        let base = context.best
        var prefixLengths = [0]
        for length in lengths { prefixLengths.append(prefixLengths.last! + length) }
        _ = AdaptiveSearch.findInteger(limit: lengths.count) { count in
            guard count > 0 else { return true }
            let end = start + prefixLengths[count]
            guard end <= base.count, base.values[start..<end].contains(where: { $0 != 0 }) else { return false }
            var values = base.values
            values.replaceSubrange(start..<end, with: repeatElement(0, count: end - start))
            return context.consider(ChoiceSequence(values))
        }
    }

    public func run(_ context: ShrinkContext) {
        var index = 0
        while index < context.spans.count, !context.exhausted {
            let span = context.spans[index]
            index += 1
            guard span.length > 0, context.best.values[span.range].contains(where: { $0 != 0 }) else { continue }
            let zeros = [UInt64](repeating: 0, count: span.length)
            let following = DeleteSpansPass.followingSiblingLengths(of: index - 1, in: context.spans)
            let attempt = context.probe(context.replacing(span.range, with: zeros))
            if attempt.accepted {
                if extendsToSiblings, !following.isEmpty { zeroMore(after: span.end, lengths: following, context) }
                continue
            }
            guard let recording = attempt.recording,
                  let simplest = recording.spans.first(where: {
                      $0.start == span.start && $0.label == span.label && $0.depth == span.depth }),
                  simplest.length < span.length else { continue }
            context.consider(context.replacing(span.range, with: [UInt64](repeating: 0, count: simplest.length)))
        }
    }
}
