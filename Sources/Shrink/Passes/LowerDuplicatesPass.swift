// Lower duplicates: lower all choices sharing a value together (the same name used in several
// places, the duplicated element of the `deletion` challenge). Cost: about log2(value)
// evaluations per group of equal non-zero choices per round.
import Gen

public struct LowerDuplicatesPass: ShrinkPass {
    public let name = "lower-duplicates"
    public init() {}

    public func run(_ context: ShrinkContext) {
        var positions: [UInt64: [Int]] = [:]
        for (index, value) in context.best.values.enumerated() where value > 0 {
            positions[value, default: []].append(index)
        }
        // Largest values first: they are the costliest to leave; sorted for determinism.
        let groups = positions.filter { $0.value.count >= 2 }.sorted { $0.key > $1.key }
        for (value, indices) in groups {
            if context.exhausted { return }
            let length = context.best.count
            guard indices.allSatisfy({ $0 < length && context.best.values[$0] == value }) else { continue }
            AdaptiveSearch.lowestAccepted(from: value) { lowered in
                guard context.best.count == length,
                      let candidate = context.setting(indices.map { ($0, lowered) }) else { return false }
                return context.consider(candidate)
            }
        }
    }
}
