import Driver
import Foundation
import Gen
import Shrink

/// `k8sfv shrink FILE`: shrinks an existing reproducer further and saves the result.
enum ShrinkCommand: K8sfvCommand {
    static let name = "shrink"
    static let summary = "Shrink a reproducer further"
    static let about = """
        Usage: k8sfv shrink FILE [OPTIONS]

        Replays FILE, and if it still fails, shrinks it with a fresh budget: first over its
        recorded choices (when it has them and this k8sfv's generator version matches), then
        step by step until no single step, object or simplification can be removed. The result
        is saved beside FILE (or in --out) under its own id; FILE is left as it is.
        """

    static let options: [OptionDeclaration] = [
        .text("--out", "DIR", "where to save the result (default: FILE's directory)"),
        .duration("--time", "time budget", default: "60s"),
        .integer("--evals", in: 1...10_000_000, "evaluation budget", default: 20_000),
    ]

    static let notes = """
        Exit status: 0 shrunk (or already minimal), 1 FILE no longer fails, 2 bad file or usage.
        """

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let out = try arguments.option("--out")
        let seconds = try arguments.durationOption("--time") ?? 60
        let evals = try arguments.intOption("--evals") ?? 20_000
        let path = arguments.positional()
        try arguments.finish()
        if let out {
            do { try InputFile.checkDirectory(out, option: "--out") } catch let error as InputFile.Problem { throw InputError(error.message) }
        }
        let (reproducer, url) = try ReproducerLoading.load(path)
        let injections = try ReproducerLoading.injections(of: reproducer, source: url.path)
        let budget = ShrinkBudget(maxEvaluations: evals, maxSeconds: seconds)
        let shrunk = ReproducerShrinking.shrink(reproducer, injections: injections, budget: budget)
        guard let shrunk else {
            io.print("\(url.path) does not fail on the model any more; nothing to shrink")
            return ExitCode.propertyFailed
        }
        let directory = out.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        if shrunk.reproducer.id == reproducer.id {
            io.print("\(url.path) is already minimal (\(reproducer.stepCount) steps; \(shrunk.report.evaluations) runs tried)")
            return ExitCode.ok
        }
        let saved = try ReproducerStore(directory: directory).save(shrunk.reproducer)
        io.print(
            "saved \(saved.path): \(reproducer.stepCount) → \(shrunk.reproducer.stepCount) steps, "
                + "\(shrunk.report.evaluations) runs, shrunk by \(shrunk.report.shrunkBy)"
                + (shrunk.report.budgetExhausted ? " (budget ran out: best so far)" : ""))
        io.print("replay: k8sfv replay \(saved.path)")
        return ExitCode.ok
    }
}
