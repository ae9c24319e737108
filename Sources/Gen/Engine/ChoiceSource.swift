// ChoiceSource: where generators get their randomness. Takes a seed (generation mode) or a
// recorded ChoiceSequence (replay mode); gives bounded choices, records every choice it hands
// out and the labelled spans around them. Cost: O(1) per choice, O(1) per span.
//
// Why the state sits behind a pointer: a class's stored `var`s are checked for exclusive access
// at run time on every read and write (the compiler cannot see who else holds the object), and
// on the draw path that bookkeeping cost as much as the drawing. The mutable state lives in one
// struct the source owns alone (allocated in `init`, freed in `deinit`, never handed out), which
// the compiler accesses directly.

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

    /// Everything that changes as choices are drawn.
    private struct State {
        var maxChoices: Int
        var rng: Xoshiro256StarStar
        var recorded: [UInt64] = []
        var spanStack: [Int] = []
        var spans: [ChoiceSpan] = []
        var overrunCount = 0

        init(maxChoices: Int, rng: Xoshiro256StarStar) {
            self.maxChoices = maxChoices
            self.rng = rng
            // Room for a small test case's choices and spans up front, instead of growing
            // through 1, 2, 4, 8… on the first draws.
            recorded.reserveCapacity(32)
            spans.reserveCapacity(8)
        }
    }

    public let mode: Mode
    private let input: [UInt64]
    private let state: UnsafeMutablePointer<State>

    public static let defaultMaxChoices = 100_000

    public init(seed: UInt64, maxChoices: Int = ChoiceSource.defaultMaxChoices) {
        mode = .generating
        input = []
        state = .allocate(capacity: 1)
        state.initialize(to: State(maxChoices: maxChoices, rng: Xoshiro256StarStar(seed: seed)))
    }

    public init(replaying sequence: ChoiceSequence, maxChoices: Int = ChoiceSource.defaultMaxChoices) {
        mode = .replaying
        input = sequence.values
        state = .allocate(capacity: 1)
        state.initialize(to: State(maxChoices: maxChoices, rng: Xoshiro256StarStar(seed: 0)))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The most choices one test case may draw (guards against runaway recursion).
    public var maxChoices: Int {
        get { state.pointee.maxChoices }
        set { state.pointee.maxChoices = newValue }
    }

    /// The spans closed so far (and those still open, with their end so far).
    public var spans: [ChoiceSpan] { state.pointee.spans }

    /// How many choices replay read beyond the end of its input (each yielded 0).
    public var overrunCount: Int { state.pointee.overrunCount }

    /// Number of choices drawn so far.
    public var position: Int { state.pointee.recorded.count }

    /// The choices drawn so far, with the spans closed so far.
    public var recording: ChoiceRecording {
        ChoiceRecording(sequence: ChoiceSequence(state.pointee.recorded), spans: state.pointee.spans)
    }

    /// A choice in `0...bound`, uniform when generating.
    public func draw(atMost bound: UInt64) throws -> UInt64 {
        guard state.pointee.recorded.count < state.pointee.maxChoices else { throw tooManyChoices() }
        let value: UInt64
        switch mode {
        case .generating: value = state.pointee.rng.next(atMost: bound)
        case .replaying: value = replayed(atMost: bound)
        }
        state.pointee.recorded.append(value)
        return value
    }

    /// A choice in `0...bound`; when generating, `generate` picks it (any distribution, its
    /// result is clamped to the bound). Replay ignores `generate`.
    public func draw(atMost bound: UInt64, generate: (inout Xoshiro256StarStar) -> UInt64) throws -> UInt64 {
        guard state.pointee.recorded.count < state.pointee.maxChoices else { throw tooManyChoices() }
        let value: UInt64
        switch mode {
        case .generating: value = min(generate(&state.pointee.rng), bound)
        case .replaying: value = replayed(atMost: bound)
        }
        state.pointee.recorded.append(value)
        return value
    }

    /// The next recorded value, clamped to `bound`; 0 past the end of the input.
    private func replayed(atMost bound: UInt64) -> UInt64 {
        let index = state.pointee.recorded.count
        if index < input.count { return min(input[index], bound) }
        state.pointee.overrunCount += 1
        return 0
    }

    private func tooManyChoices() -> GenerationFailure {
        GenerationFailure(.tooManyChoices,
            "the test case drew more than \(state.pointee.maxChoices) choices; bound recursion depth or collection sizes")
    }

    /// A boolean choice (0 = false, the simplest); when generating it is true with `probability`.
    public func drawBool(probability: Double = 0.5) throws -> Bool {
        try draw(atMost: 1) { rng in rng.nextUnitDouble() < probability ? 1 : 0 } == 1
    }

    /// Runs `body` inside a labelled span, recording which slice of choices it drew.
    public func span<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let index = openSpan(label)
        defer { closeSpan(index) }
        return try body()
    }

    private func openSpan(_ label: String) -> Int {
        let index = state.pointee.spans.count
        let position = state.pointee.recorded.count
        state.pointee.spans.append(ChoiceSpan(label: label, start: position, end: position,
                                              depth: state.pointee.spanStack.count, parent: state.pointee.spanStack.last))
        state.pointee.spanStack.append(index)
        return index
    }

    private func closeSpan(_ index: Int) {
        state.pointee.spanStack.removeLast()
        state.pointee.spans[index].end = state.pointee.recorded.count
    }

    /// Like `span`, but forgets the span (and the spans inside it) when `keep` says so: the
    /// choices stay recorded, only the structure is dropped. Used for the "stop" flag of
    /// `array(count:)`, which is not an element.
    func span<T>(_ label: String, keepIf keep: (T) -> Bool, _ body: () throws -> T) rethrows -> T {
        let index = state.pointee.spans.count
        let result = try span(label, body)
        if !keep(result) { state.pointee.spans.removeSubrange(index...) }
        return result
    }
}
