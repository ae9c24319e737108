// ChoiceSpan: which generator produced which slice of a choice sequence. Produced by
// `ChoiceSource.span(_:_:)`; consumed by the shrinker's structural passes (delete a span,
// zero a span, sort or swap sibling spans). Cost: a few words per span.

/// A labelled slice `start..<end` of the recorded choices, nested like the generators that
/// drew them. Spans are stored in the order they were opened (pre-order), so a parent always
/// precedes its children; `parent` is the index of the enclosing span in that array.
public struct ChoiceSpan: Hashable, Sendable, Codable, CustomStringConvertible {
    public var label: String
    public var start: Int
    /// One past the last choice (exclusive).
    public var end: Int
    /// 0 for an outermost span.
    public var depth: Int
    /// Index of the enclosing span in `ChoiceRecording.spans`, nil when outermost.
    public var parent: Int?

    public init(label: String, start: Int, end: Int, depth: Int, parent: Int?) {
        self.label = label; self.start = start; self.end = end; self.depth = depth; self.parent = parent
    }

    public var range: Range<Int> { start..<end }
    public var length: Int { end - start }
    public var description: String { "\(label)@\(depth)[\(start)..<\(end)]" }
}

/// The choices one run consumed plus the spans that structure them.
public struct ChoiceRecording: Hashable, Sendable {
    public var sequence: ChoiceSequence
    public var spans: [ChoiceSpan]

    public init(sequence: ChoiceSequence, spans: [ChoiceSpan]) {
        self.sequence = sequence; self.spans = spans
    }
}
