import CalcGraph
import Driver
import Foundation
import Gen
import Shrink

/// The options `fuzz` shares with the commands that start campaigns.
struct FuzzOptions {
    var seed: UInt64
    var seedWasGiven: Bool
    var iterations: Int?
    var time: Double?
    var scale: ClusterScale
    var target: TargetSpec
    var outputDirectory: URL
    var shrink: Bool
    var shrinkBudget: ShrinkBudget
    var json: Bool

    static func parse(_ arguments: inout Arguments) throws -> FuzzOptions {
        let given = try arguments.uint64Option("--seed")
        let seed = given ?? UInt64(Date().timeIntervalSince1970 * 1000) & 0xFFFF_FFFF
        let iterations = try arguments.option("--iterations").map { text -> Int in
            guard let n = Int(text), n > 0 else {
                throw UsageError("option --iterations takes a positive whole number, not '\(text)'")
            }
            return n
        }
        var time = try arguments.durationOption("--time")
        if iterations == nil && time == nil { time = 60 }
        let scaleName = try arguments.option("--scale") ?? "small"
        guard let scale = ClusterScale(rawValue: scaleName) else {
            throw UsageError("option --scale takes small or seed, not '\(scaleName)'")
        }
        let targetName = try arguments.option("--target") ?? "model"
        guard let kind = TargetSpec.Kind(rawValue: targetName) else {
            throw UsageError("option --target takes model or live, not '\(targetName)'")
        }
        let injections: Set<InjectedBug>
        do {
            injections = try TargetSpec.injections(named: try arguments.options("--inject"))
        } catch let error as TargetError {
            throw UsageError("option --inject: \(error.message)")
        }
        let out = try arguments.option("--out") ?? "seeds"
        let shrink = !arguments.flag("--no-shrink")
        let shrinkSeconds = try arguments.option("--shrink-time").map { text -> Double in
            guard let value = Arguments.parseDuration(text), value > 0 else {
                throw UsageError("option --shrink-time takes a duration such as 30s, not '\(text)'")
            }
            return value
        } ?? 60
        let shrinkEvals = try arguments.intOption("--shrink-evals", default: 5000, in: 1...10_000_000)
        return FuzzOptions(
            seed: seed, seedWasGiven: given != nil, iterations: iterations, time: time, scale: scale,
            target: TargetSpec(kind: kind, injections: injections),
            outputDirectory: URL(fileURLWithPath: out), shrink: shrink,
            shrinkBudget: ShrinkBudget(maxEvaluations: shrinkEvals, maxSeconds: shrinkSeconds), json: arguments.flag("--json"))
    }

    var configuration: CampaignConfiguration {
        CampaignConfiguration(
            seed: seed, sequenceLimit: iterations, timeLimit: time, scale: scale, target: target,
            outputDirectory: outputDirectory, shrink: shrink, shrinkBudget: shrinkBudget)
    }
}
