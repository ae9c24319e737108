// Draw: the imperative face the domain generators use to make choices. Takes a backend that hands
// out bounded choices (the engine's ChoiceSource); gives typed draws (ints, bools, weighted picks,
// elements) and labelled spans. Every draw maps choice 0 to the simplest option — the lower bound,
// `false`, the first alternative — so shrinking choices towards zero simplifies the scenario.
// Cost: one backend call per draw.

/// Where bounded choices come from: the engine's choice source (generate or replay).
protocol DrawBackend {
    /// A value in `0...bound`; 0 is the simplest.
    func choose(atMost bound: UInt64) throws -> UInt64
    /// One choice in `0...1` (1 = true) that is 1 with `probability` when generating.
    func chooseBool(probability: Double) throws -> Bool
    /// Runs `body`, recording the choices it makes as one labelled span.
    func span<T>(_ label: String, _ body: () throws -> T) throws -> T
}

/// Typed draws over a `DrawBackend`.
struct Draw {
    let backend: any DrawBackend

    /// A value in `range`; choice 0 gives the lower bound.
    func int(_ range: ClosedRange<Int>) throws -> Int {
        if range.lowerBound == range.upperBound { return range.lowerBound }
        let width = UInt64(range.upperBound - range.lowerBound)
        let choice = try backend.choose(atMost: width)
        return range.lowerBound + Int(min(choice, width))
    }

    /// A value in `0..<count` (count ≥ 1).
    func index(below count: Int) throws -> Int { try int(0...max(0, count - 1)) }

    /// A fair coin; choice 0 is `false`.
    func bool() throws -> Bool { try int(0...1) == 1 }

    /// True about once in `n` draws; choice 0 is `false`.
    func oneIn(_ n: Int) throws -> Bool { try backend.chooseBool(probability: 1 / Double(max(1, n))) }

    /// An index into `weights`, with probability proportional to its weight; choice 0 gives the
    /// first index with a positive weight. Weights must not all be zero.
    func weighted(_ weights: [Int]) throws -> Int {
        let total = weights.reduce(0) { $0 + max(0, $1) }
        guard total > 0 else { return 0 }
        var pick = try int(0...(total - 1))
        for (index, weight) in weights.enumerated() where weight > 0 {
            if pick < weight { return index }
            pick -= weight
        }
        return weights.count - 1
    }

    /// One element of a non-empty array; choice 0 gives the first.
    func element<T>(_ options: [T]) throws -> T { options[try index(below: options.count)] }

    /// A sub-list of `options`, order kept, each included on a coin flip; choice 0 gives none.
    func subset<T>(_ options: [T]) throws -> [T] {
        var result: [T] = []
        for option in options where try bool() { result.append(option) }
        return result
    }

    func span<T>(_ label: String, _ body: () throws -> T) throws -> T { try backend.span(label, body) }
}

extension ChoiceSource: DrawBackend {
    func choose(atMost bound: UInt64) throws -> UInt64 { try draw(atMost: bound) }
    func chooseBool(probability: Double) throws -> Bool { try drawBool(probability: probability) }
}
