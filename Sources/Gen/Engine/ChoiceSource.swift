// ChoiceSource: where generators get their randomness. Takes a seed (generation mode) or a
// recorded ChoiceSequence (replay mode); gives bounded choices, records every choice it hands
// out and the labelled spans around them. Cost: O(1) per choice, O(1) per span.

/// The single source of every decision a generator makes.
///
/// - **Generation** (`init(seed:)`): choices come from xoshiro256** and are recorded.
/// - **Replay** (`init(replaying:)`): choices are read from a recorded sequence. Two rules make
///   *any* sequence decodable, which is what lets the shrinker edit sequences freely:
///   1. Reading past the end yields 0, the simplest choice.
///   2. A recorded value above the current bound is **clamped** to the bound. Clamping (rather
///      than reducing modulo the bound) keeps the order: a smaller recorded value never decodes
///      to a more complex choice, so lowering a number never makes the value jump around.
///
/// In both modes `recording` holds what was *actually* used (clamped values, the zeros read
/// past the end, nothing of an unread tail): replaying it reproduces the same value, and it is
/// never shortlex-larger than the replayed input.
public final class ChoiceSource {
    public enum Mode: Sendable { case generating, replaying }

    public let mode: Mode
    /// The most choices one test case may draw (guards against runaway recursion).
    public var maxChoices: Int
    private var rng: Xoshiro256StarStar
    private let input: [UInt64]
    private var recorded: [UInt64] = []
    private var spanStack: [Int] = []
    public private(set) var spans: [ChoiceSpan] = []
    /// How many choices replay read beyond the end of its input (each yielded 0).
    public private(set) var overrunCount = 0

    public static let defaultMaxChoices = 100_000

    public init(seed: UInt64, maxChoices: Int = ChoiceSource.defaultMaxChoices) {
        mode = .generating
        rng = Xoshiro256StarStar(seed: seed)
        input = []
        self.maxChoices = maxChoices
    }

    public init(replaying sequence: ChoiceSequence, maxChoices: Int = ChoiceSource.defaultMaxChoices) {
        mode = .replaying
        rng = Xoshiro256StarStar(seed: 0)
        input = sequence.values
        self.maxChoices = maxChoices
    }

    /// Number of choices drawn so far.
    public var position: Int { recorded.count }

    /// The choices drawn so far, with the spans closed so far.
    public var recording: ChoiceRecording {
        ChoiceRecording(sequence: ChoiceSequence(recorded), spans: spans)
    }

    /// A choice in `0...bound`, uniform when generating.
    public func draw(atMost bound: UInt64) throws -> UInt64 {
        try draw(atMost: bound) { rng in rng.next(atMost: bound) }
    }

    /// A choice in `0...bound`; when generating, `generate` picks it (any distribution, its
    /// result is clamped to the bound). Replay ignores `generate`.
    public func draw(atMost bound: UInt64, generate: (inout Xoshiro256StarStar) -> UInt64) throws -> UInt64 {
        guard recorded.count < maxChoices else {
            throw GenerationFailure(.tooManyChoices,
                "the test case drew more than \(maxChoices) choices; bound recursion depth or collection sizes")
        }
        let value: UInt64
        switch mode {
        case .generating:
            value = min(generate(&rng), bound)
        case .replaying:
            let index = recorded.count
            if index < input.count {
                value = min(input[index], bound)
            } else {
                overrunCount += 1
                value = 0
            }
        }
        recorded.append(value)
        return value
    }

    /// A boolean choice (0 = false, the simplest); when generating it is true with `probability`.
    public func drawBool(probability: Double = 0.5) throws -> Bool {
        try draw(atMost: 1) { rng in rng.nextUnitDouble() < probability ? 1 : 0 } == 1
    }

    /// Runs `body` inside a labelled span, recording which slice of choices it drew.
    public func span<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let index = spans.count
        spans.append(ChoiceSpan(label: label, start: recorded.count, end: recorded.count,
                                depth: spanStack.count, parent: spanStack.last))
        spanStack.append(index)
        defer {
            spanStack.removeLast()
            spans[index].end = recorded.count
        }
        return try body()
    }

    /// Like `span`, but forgets the span (and the spans inside it) when `keep` says so: the
    /// choices stay recorded, only the structure is dropped. Used for the "stop" flag of
    /// `array(count:)`, which is not an element.
    func span<T>(_ label: String, keepIf keep: (T) -> Bool, _ body: () throws -> T) rethrows -> T {
        let index = spans.count
        let result = try span(label, body)
        if !keep(result) { spans.removeSubrange(index...) }
        return result
    }
}
