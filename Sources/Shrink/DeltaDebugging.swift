// DeltaDebugging: step-level reduction of a failing list (Zeller & Hildebrandt, "Simplifying
// and Isolating Failure-Inducing Input", IEEE TSE 28(2), 2002). Takes a list and a test
// (true = still fails the same way); gives a 1-minimal sublist, then greedily simplified
// elements. Cost: O(n²) tests worst case, about 2·log2(n) when halves keep failing; bounded by
// `maxTests`; repeated tests are answered from a cache.

/// Delta debugging over any list, for callers whose unit is a step rather than a choice
/// (e.g. a stored reproducer's step list replayed without its generator).
public enum DeltaDebugging {
    public struct Result<Element> {
        /// The reduced list; it fails (if the input did) and, unless the budget ran out, removing
        /// any single element makes the failure disappear (1-minimal).
        public var elements: [Element]
        /// Test calls made (cache hits excluded).
        public var tests: Int
        public var budgetExhausted: Bool
    }

    /// ddmin, then per-element simplification: for each position, the first candidate of
    /// `simplifications(element)` that still fails replaces it, and that position is tried
    /// again (greedy); ddmin reruns when simplifying changed anything, since simpler elements
    /// may make others removable.
    public static func minimise<Element>(
        _ input: [Element], maxTests: Int = 10_000,
        simplifications: (Element) -> [Element] = { _ in [] },
        fails: ([Element]) -> Bool
    ) -> Result<Element> {
        var state = Budget(limit: maxTests)
        var current = input
        while true {
            current = ddmin(current, state: &state, fails: fails)
            let simplified = simplify(current, state: &state, simplifications: simplifications, fails: fails)
            guard simplified.changed, !state.exhausted else { current = simplified.elements; break }
            current = simplified.elements
        }
        return Result(elements: current, tests: state.tests, budgetExhausted: state.exhausted)
    }

    struct Budget {
        var limit: Int
        var tests = 0
        var exhausted = false
        /// Outcomes of the index subsets tested in the current ddmin run.
        var cache: [[Int]: Bool] = [:]

        mutating func run<Element>(_ indices: [Int], of elements: [Element], _ fails: ([Element]) -> Bool) -> Bool {
            if let cached = cache[indices] { return cached }
            guard tests < limit else { exhausted = true; return false }
            tests += 1
            let outcome = fails(indices.map { elements[$0] })
            cache[indices] = outcome
            return outcome
        }
    }

    static func ddmin<Element>(_ elements: [Element], state: inout Budget,
                               fails: ([Element]) -> Bool) -> [Element] {
        state.cache = [:]
        var current = Array(elements.indices)
        if current.count == 1, state.run([], of: elements, fails) { return [] }
        var granularity = 2
        while current.count >= 2, !state.exhausted {
            let chunks = split(current, into: granularity)
            if let subset = chunks.first(where: { state.run($0, of: elements, fails) }) {
                current = subset
                granularity = 2
                continue
            }
            if granularity > 2 || chunks.count > 2,
               let complement = chunks.indices.lazy.map({ index in
                   chunks.enumerated().filter { $0.offset != index }.flatMap(\.element)
               }).first(where: { state.run($0, of: elements, fails) }) {
                current = complement
                granularity = max(granularity - 1, 2)
                continue
            }
            if granularity >= current.count { break }
            granularity = min(granularity * 2, current.count)
        }
        if current.count == 1, state.run([], of: elements, fails) { current = [] }
        return current.map { elements[$0] }
    }

    /// Splits into `parts` contiguous chunks of near-equal size.
    static func split(_ indices: [Int], into parts: Int) -> [[Int]] {
        let parts = min(parts, indices.count)
        var result: [[Int]] = []
        var start = 0
        for part in 0..<parts {
            let end = start + (indices.count - start) / (parts - part)
            result.append(Array(indices[start..<end]))
            start = end
        }
        return result
    }

    static func simplify<Element>(_ elements: [Element], state: inout Budget,
                                  simplifications: (Element) -> [Element],
                                  fails: ([Element]) -> Bool) -> (elements: [Element], changed: Bool) {
        var current = elements
        var changed = false
        var position = 0
        while position < current.count, !state.exhausted {
            var improved = false
            for candidate in simplifications(current[position]) {
                guard state.tests < state.limit else { state.exhausted = true; break }
                state.tests += 1
                var trial = current
                trial[position] = candidate
                if fails(trial) { current = trial; improved = true; changed = true; break }
            }
            if !improved { position += 1 }
        }
        return (current, changed)
    }
}
