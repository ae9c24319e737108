// Choice columns: which choices are "alike" (the same draw of the same generator in different
// places). Takes spans; gives, per choice index, the label of its innermost span and its offset
// in it. Cost: O(total span length).
import Gen

/// Hypothesis groups choices by type (integers with integers, booleans with booleans); a choice
/// sequence has no types, so the innermost span's label and the offset inside it stand in:
/// the magnitudes of two list elements share a column, a magnitude and a "one more?" flag do not.
struct ChoiceColumn: Hashable {
    var label: String?
    var offset: Int

    static func columns(count: Int, spans: [ChoiceSpan]) -> [ChoiceColumn] {
        // Spans are in pre-order, so later (deeper) ones overwrite.
        var innermost = [Int?](repeating: nil, count: count)
        for (spanIndex, span) in spans.enumerated() {
            for index in span.range where index < count { innermost[index] = spanIndex }
        }
        return (0..<count).map { index in
            let span = innermost[index].map { spans[$0] }
            return ChoiceColumn(label: span?.label, offset: index - (span?.start ?? 0))
        }
    }
}
