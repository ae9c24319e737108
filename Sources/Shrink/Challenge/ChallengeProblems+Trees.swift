// Shrinking-challenge problems over recursive data: calculator and binheap.
// Definitions and best-known minima: jlink/shrinking-challenge:challenges/{calculator,binheap}.md
// (generator shapes follow pbt-libraries/hypothesis/challenges/calculator.py and
// pbt-libraries/jqwik/.../BinheapProperties.java; facts only, code written afresh).
import Gen

extension ShrinkingChallenge {
    indirect enum Expression: Hashable, Sendable, CustomStringConvertible {
        case literal(Int), plus(Expression, Expression), divide(Expression, Expression)

        var description: String {
            switch self {
            case .literal(let value): "\(value)"
            case .plus(let l, let r): "(+ \(l) \(r))"
            case .divide(let l, let r): "(/ \(l) \(r))"
            }
        }

        /// No subterm divides by the literal 0.
        var hasNoLiteralZeroDivisor: Bool {
            switch self {
            case .literal: true
            case .plus(let l, let r): l.hasNoLiteralZeroDivisor && r.hasNoLiteralZeroDivisor
            case .divide(let l, let r): r != .literal(0) && l.hasNoLiteralZeroDivisor && r.hasNoLiteralZeroDivisor
            }
        }

        /// The value, or nil on a division by zero (wrapping arithmetic, floor division).
        var evaluated: Int? {
            switch self {
            case .literal(let value): return value
            case .plus(let l, let r):
                guard let a = l.evaluated, let b = r.evaluated else { return nil }
                return a &+ b
            case .divide(let l, let r):
                guard let a = l.evaluated, let b = r.evaluated, b != 0 else { return nil }
                if a == Int.min && b == -1 { return Int.min }
                let quotient = a / b
                return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
            }
        }
    }

    /// If no subterm is `x / 0`, evaluation raises no division by zero.
    static let calculator = ChallengeProblem(
        name: "calculator", bestKnown: "(/ 0 (+ 0 0))",
        generator: Gen<Expression>.recursive(maxDepth: 5, base: Gen.int(in: -1_000_000...1_000_000).map(Expression.literal)) { child in
            Gen.oneOf(Gen.zip(child, child).map { Expression.plus($0.0, $0.1) },
                      Gen.zip(child, child).map { Expression.divide($0.0, $0.1) })
        },
        render: \.description,
        precondition: \.hasNoLiteralZeroDivisor,
        isBestKnown: { $0.description == "(/ 0 (+ 0 0))" },
        holds: { $0.evaluated != nil })

    final class Heap: Sendable, CustomStringConvertible {
        let head: Int, left: Heap?, right: Heap?
        init(_ head: Int, _ left: Heap?, _ right: Heap?) { self.head = head; self.left = left; self.right = right }

        var description: String { "(\(head), \(Heap.show(left)), \(Heap.show(right)))" }
        static func show(_ heap: Heap?) -> String { heap.map(\.description) ?? "None" }

        /// Pre-order with the right subtree first (the challenge's stack-based walk).
        static func toList(_ heap: Heap?) -> [Int] {
            var result: [Int] = [], stack: [Heap?] = [heap]
            while let top = stack.popLast() {
                guard let node = top else { continue }
                result.append(node.head)
                stack.append(node.left)
                stack.append(node.right)
            }
            return result
        }

        static func merge(_ a: Heap?, _ b: Heap?) -> Heap? {
            guard let a else { return b }
            guard let b else { return a }
            return a.head <= b.head ? Heap(a.head, merge(a.right, b), a.left) : Heap(b.head, merge(b.right, a), b.left)
        }

        /// The deliberately wrong conversion: head, then the merged children *unsorted*.
        static func wrongToSortedList(_ heap: Heap?) -> [Int] {
            guard let heap else { return [] }
            return [heap.head] + toList(merge(heap.left, heap.right))
        }
    }

    /// A valid heap: a size in 0...20, each node (7 in 8 when size allows) has a key ≥ its
    /// parent's and two children of half the size.
    static func heap(minimum: Int, size: Int) -> Gen<Heap?> {
        guard size > 0 else { return Gen.constant(nil) }
        let node: Gen<Heap?> = Gen.int(in: 0...1_000).flatMap { offset in
            let key = minimum + offset
            return Gen.zip(heap(minimum: key, size: size / 2), heap(minimum: key, size: size / 2)).map { Heap(key, $0.0, $0.1) }
        }
        return Gen.frequency((1, Gen.constant(nil)), (7, node)).labelled("heap")
    }

    static let binheap = ChallengeProblem(
        name: "binheap", bestKnown: "(0, None, (0, (0, None, None), (1, None, None)))",
        generator: Gen.int(in: 0...20).flatMap { heap(minimum: 0, size: $0) },
        render: Heap.show,
        isBestKnown: { Heap.show($0) == "(0, None, (0, (0, None, None), (1, None, None)))" },
        holds: { heap in
            let wrong = Heap.wrongToSortedList(heap)
            return wrong == wrong.sorted() && Heap.toList(heap).sorted() == wrong
        })
}
