import Foundation

// CallgrindProfile: reads a callgrind output file (written with --compress-strings=no and
// --compress-pos=no) and gives the program's total instructions and each function's inclusive
// count (its own instructions plus everything it called). Takes: the file's text. Gives: the
// totals, and inclusive counts looked up by a piece of a (mangled) function name.
// Cost: O(lines of the file).
// Format: valgrind's docs/callgrind-format ("fn=", "cfn=", "calls=" followed by the call's
// inclusive cost line, cost lines "<position> <Ir>", "summary:"/"totals:").

struct CallgrindProfile {
    /// Instructions of the whole run (`summary:`/`totals:`; else the sum of self costs).
    var total: Int
    /// Inclusive instructions per function name, over every block of that function.
    var inclusive: [String: Int]

    init(text: String) {
        var selfCost: [String: Int] = [:]
        var callCost: [String: Int] = [:]
        var current = ""
        var nextIsCall = false
        var summary: Int?
        var selfTotal = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let first = line.utf8.first else { continue }
            if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: "-") || first == UInt8(ascii: "*")
            {
                let fields = line.split(separator: " ")
                let cost = fields.count >= 2 ? Int(fields[1]) ?? 0 : 0
                if nextIsCall {
                    callCost[current, default: 0] += cost
                    nextIsCall = false
                } else {
                    selfCost[current, default: 0] += cost
                    selfTotal += cost
                }
            } else if line.hasPrefix("fn=") {
                current = String(line.dropFirst(3))
            } else if line.hasPrefix("calls=") {
                nextIsCall = true
            } else if line.hasPrefix("summary:") || line.hasPrefix("totals:") {
                let value = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
                if let value, let number = Int(value.split(separator: " ").first ?? "") { summary = max(summary ?? 0, number) }
            }
        }
        total = summary ?? selfTotal
        var all = selfCost
        for (name, cost) in callCost { all[name, default: 0] += cost }
        inclusive = all
    }

    /// The largest inclusive count among functions whose name contains `piece`: the outermost
    /// of a function's variants (thunk, specialisation), which includes the others it calls.
    func inclusive(containing piece: String) -> Int {
        inclusive.lazy.filter { $0.key.contains(piece) }.map(\.value).max() ?? 0
    }

    /// The sum over `pieces` of `inclusive(containing:)`: for entry points that do not call one another.
    func inclusive(summing pieces: [String]) -> Int {
        pieces.reduce(0) { $0 + inclusive(containing: $1) }
    }
}
