// Lower duplicates: lower choices sharing a value together (the same name used in several
// places, the duplicated element of the `deletion` challenge). Cost: about log2(value)
// evaluations per group per round.
import Gen

/// Two kinds of groups are tried, both only when at least two members share a value:
/// 1. *like* choices: same value, same label of the innermost enclosing span and same offset in
///    it (e.g. the magnitudes of two list elements, but not their "one more?" flags) — the
///    stand-in for Hypothesis's "same choice type" grouping;
/// 2. all choices with that value.
public struct LowerDuplicatesPass: ShrinkPass {
    public let name = "lower-duplicates"
    public init() {}

    public func run(_ context: ShrinkContext) {
        for indices in groups(context.best.values, spans: context.spans) {
            if context.exhausted { return }
            let length = context.best.count
            guard let value = indices.first.map({ context.best.values[$0] }),
                  indices.allSatisfy({ $0 < length && context.best.values[$0] == value }) else { continue }
            AdaptiveSearch.lowestAccepted(from: value) { lowered in
                guard context.best.count == length,
                      let candidate = context.setting(indices.map { ($0, lowered) }) else { return false }
                return context.consider(candidate)
            }
        }
    }

    private func groups(_ values: [UInt64], spans: [ChoiceSpan]) -> [[Int]] {
        // Innermost span per index: spans are in pre-order, so later (deeper) ones overwrite.
        var innermost = [Int?](repeating: nil, count: values.count)
        for (spanIndex, span) in spans.enumerated() {
            for index in span.range where index < values.count { innermost[index] = spanIndex }
        }
        struct LikeKey: Hashable { var value: UInt64; var label: String?; var offset: Int }
        var like: [LikeKey: [Int]] = [:]
        var plain: [UInt64: [Int]] = [:]
        for (index, value) in values.enumerated() where value > 0 {
            let span = innermost[index].map { spans[$0] }
            like[LikeKey(value: value, label: span?.label, offset: index - (span?.start ?? 0)), default: []].append(index)
            plain[value, default: []].append(index)
        }
        // Deterministic order: larger values first, then by first position.
        let order: ([Int], [Int]) -> Bool = { a, b in
            values[a[0]] != values[b[0]] ? values[a[0]] > values[b[0]] : a[0] < b[0]
        }
        let likeGroups = like.values.filter { $0.count >= 2 }.sorted(by: order)
        let plainGroups = plain.values.filter { $0.count >= 2 && !likeGroups.contains($0) }.sorted(by: order)
        return likeGroups + plainGroups
    }
}
