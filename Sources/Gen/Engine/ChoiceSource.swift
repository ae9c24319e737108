// ChoiceSource: where generators get their randomness. Takes a seed (generation mode) or a
// recorded ChoiceSequence (replay mode); gives bounded choices, records every choice it hands
// out and the labelled spans around them. Cost: O(1) per choice, O(1) per span.
//
// Why `@exclusivity(unchecked)`: a class's stored `var`s are checked for exclusive access at
// run time on every read and write (the compiler cannot see who else holds the object), and on
// the draw path that bookkeeping cost as much as the drawing. The source is used by one thread
// and never hands out `inout` access to its state, so the checks can never fire; keeping the
// state in the object itself (rather than behind a separately allocated pointer) also saves an
// allocation per test case, which is much of the cost of a small value such as an (Int, Int).
// The hot entry points are `@inlinable`, so a generator built in another module (a scenario, a
// benchmark's `[Int]`) is specialised for its value type instead of running generic code.

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
    private let input: [UInt64]
    @exclusivity(unchecked) private var limit: Int
    @exclusivity(unchecked) private var rng: Xoshiro256StarStar
    @exclusivity(unchecked) private var recorded: [UInt64]
    @exclusivity(unchecked) private var spanStack: [Int] = []
    @exclusivity(unchecked) private var openedSpans: [ChoiceSpan] = []
    @exclusivity(unchecked) private var overruns = 0

    public static let defaultMaxChoices = 100_000

    public init(seed: UInt64, maxChoices: Int = ChoiceSource.defaultMaxChoices) {
        mode = .generating
        input = []
        limit = maxChoices
        rng = Xoshiro256StarStar(seed: seed)
        // Room for a small test case's choices up front, instead of growing through 1, 2, 4, 8…
        // on the first draws. (Spans get theirs on the first span: many values have none.)
        recorded = []
        recorded.reserveCapacity(32)
    }

    public init(replaying sequence: ChoiceSequence, maxChoices: Int = ChoiceSource.defaultMaxChoices) {
        mode = .replaying
        input = sequence.values
        limit = maxChoices
        rng = Xoshiro256StarStar(seed: 0)
        recorded = []
        recorded.reserveCapacity(min(sequence.values.count, 1_024))
    }

    /// The most choices one test case may draw (guards against runaway recursion).
    public var maxChoices: Int {
        get { limit }
        set { limit = newValue }
    }

    /// The spans closed so far (and those still open, with their end so far).
    public var spans: [ChoiceSpan] { openedSpans }

    /// How many choices replay read beyond the end of its input (each yielded 0).
    public var overrunCount: Int { overruns }

    /// Number of choices drawn so far.
    public var position: Int { recorded.count }

    /// The choices drawn so far, with the spans closed so far.
    public var recording: ChoiceRecording {
        ChoiceRecording(sequence: ChoiceSequence(recorded), spans: openedSpans)
    }

    /// A choice in `0...bound`, uniform when generating.
    public func draw(atMost bound: UInt64) throws -> UInt64 {
        guard recorded.count < limit else { throw tooManyChoices() }
        let value: UInt64
        switch mode {
        case .generating: value = rng.next(atMost: bound)
        case .replaying: value = replayed(atMost: bound)
        }
        recorded.append(value)
        return value
    }

    /// A choice in `0...bound`; when generating, `generate` picks it (any distribution, its
    /// result is clamped to the bound). Replay ignores `generate`.
    public func draw(atMost bound: UInt64, generate: (inout Xoshiro256StarStar) -> UInt64) throws -> UInt64 {
        guard recorded.count < limit else { throw tooManyChoices() }
        let value: UInt64
        switch mode {
        case .generating: value = min(generate(&rng), bound)
        case .replaying: value = replayed(atMost: bound)
        }
        recorded.append(value)
        return value
    }

    /// The next recorded value, clamped to `bound`; 0 past the end of the input.
    private func replayed(atMost bound: UInt64) -> UInt64 {
        let index = recorded.count
        if index < input.count { return min(input[index], bound) }
        overruns += 1
        return 0
    }

    private func tooManyChoices() -> GenerationFailure {
        GenerationFailure(.tooManyChoices,
            "the test case drew more than \(limit) choices; bound recursion depth or collection sizes")
    }

    /// A boolean choice (0 = false, the simplest); when generating it is true with `probability`.
    public func drawBool(probability: Double = 0.5) throws -> Bool {
        try draw(atMost: 1) { rng in rng.nextUnitDouble() < probability ? 1 : 0 } == 1
    }

    /// Runs `body` inside a labelled span, recording which slice of choices it drew.
    @inlinable
    public func span<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let index = openSpan(label)
        defer { closeSpan(index) }
        return try body()
    }

    /// Opens a span (closed by `closeSpan` with the index this returns); for generators that
    /// cannot wrap their work in one closure, such as `array(count:)`'s loop.
    @usableFromInline
    func openSpan(_ label: String) -> Int {
        let index = openedSpans.count
        let position = recorded.count
        openedSpans.append(ChoiceSpan(label: label, start: position, end: position,
                                              depth: spanStack.count, parent: spanStack.last))
        spanStack.append(index)
        return index
    }

    @usableFromInline
    func closeSpan(_ index: Int) {
        spanStack.removeLast()
        openedSpans[index].end = recorded.count
    }

    /// Forgets the span at `index` and every span opened after it (closed ones only).
    @usableFromInline
    func forgetSpans(from index: Int) {
        openedSpans.removeSubrange(index...)
    }

    /// Like `span`, but forgets the span (and the spans inside it) when `keep` says so: the
    /// choices stay recorded, only the structure is dropped. Used for the "stop" flag of
    /// `array(count:)`, which is not an element.
    func span<T>(_ label: String, keepIf keep: (T) -> Bool, _ body: () throws -> T) rethrows -> T {
        let index = openedSpans.count
        let result = try span(label, body)
        if !keep(result) { forgetSpans(from: index) }
        return result
    }
}
