// Rendering of challenge values in the challenge texts' notation.

enum ChallengeRendering {
    static func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }
    static func lists(_ values: [[Int]]) -> String { "[" + values.map(list).joined(separator: ", ") + "]" }
}
