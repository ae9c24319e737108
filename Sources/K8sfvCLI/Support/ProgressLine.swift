import Foundation

/// The live progress line on stderr: redrawn in place on a terminal, a plain line every
/// ten seconds otherwise (so CI logs stay readable).
final class ProgressLine {
    private let io: CommandIO
    private let timeLimit: Double?
    private let sequenceLimit: Int?
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private var sequences = 0
    private var steps = 0
    private var failures = 0
    private var drawn = false

    init(io: CommandIO, timeLimit: Double?, sequenceLimit: Int?) {
        self.io = io
        self.timeLimit = timeLimit
        self.sequenceLimit = sequenceLimit
    }

    func sequenceDone(steps: Int, failed: Bool) {
        sequences += 1
        self.steps += steps
        if failed { failures += 1 }
        let now = Date()
        let interval = io.stderrIsTerminal ? 0.2 : 10
        guard now.timeIntervalSince(lastDrawn) >= interval else { return }
        lastDrawn = now
        draw(now)
    }

    func clear() {
        guard drawn, io.stderrIsTerminal else { return }
        io.writeError("\r\u{1B}[K")
        drawn = false
    }

    private func draw(_ now: Date) {
        let elapsed = now.timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(steps) / elapsed : 0
        var text = "\(sequences) sequences, \(steps) steps (\(Int(rate)) steps/s), \(failures) failures, \(Int(elapsed))s elapsed"
        if let timeLimit {
            text += ", \(max(0, Int(timeLimit - elapsed)))s left"
        } else if let sequenceLimit, sequences > 0 {
            let remaining = Double(sequenceLimit - sequences) * elapsed / Double(sequences)
            text += ", about \(max(0, Int(remaining)))s left"
        }
        if io.stderrIsTerminal {
            io.writeError("\r\u{1B}[K" + text)
            drawn = true
        } else {
            io.error("progress: " + text)
        }
    }
}
