// Sibling groups: spans with the same parent and label (the elements of one list, the steps
// of one scenario), in position order. Shared by the sort and swap passes.
import Gen

enum SiblingGroups {
    /// Groups of at least two non-empty sibling spans, each sorted by start, groups ordered by
    /// their first span's start (deterministic).
    static func groups(in spans: [ChoiceSpan]) -> [[ChoiceSpan]] {
        struct Key: Hashable { var parent: Int?; var label: String }
        var byKey: [Key: [ChoiceSpan]] = [:]
        for span in spans where span.length > 0 {
            byKey[Key(parent: span.parent, label: span.label), default: []].append(span)
        }
        return byKey.values
            .filter { $0.count >= 2 }
            .map { $0.sorted { $0.start < $1.start } }
            .sorted { $0[0].start < $1[0].start || ($0[0].start == $1[0].start && $0[0].depth < $1[0].depth) }
    }

    /// `values` with the slices of `spans` (disjoint, in position order) replaced by `slices`.
    static func rebuild(_ values: [UInt64], spans: [ChoiceSpan], slices: [ArraySlice<UInt64>]) -> ChoiceSequence {
        var result: [UInt64] = []
        result.reserveCapacity(values.count)
        var cursor = 0
        for (span, slice) in zip(spans, slices) {
            result.append(contentsOf: values[cursor..<span.start])
            result.append(contentsOf: slice)
            cursor = span.end
        }
        result.append(contentsOf: values[cursor...])
        return ChoiceSequence(result)
    }
}
