import CalcGraph
import Driver
import Foundation
import Testing

/// The regression corpus: every file in seeds/ is replayed against the model, with the bugs
/// it names switched on, and must give the verdict the file records.
@Suite struct SeedCorpusTests {
    static var seedsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds")
    }

    static var corpus: [URL] {
        (try? ReproducerStore(directory: seedsDirectory).all()) ?? []
    }

    @Test func corpusIsNotEmpty() {
        #expect(!Self.corpus.isEmpty, "seeds/ should hold the reproducer corpus")
    }

    @Test(arguments: SeedCorpusTests.corpus)
    func replaysToItsRecordedVerdict(_ url: URL) throws {
        let reproducer = try Reproducer.load(from: url)
        #expect(reproducer.id == url.deletingPathExtension().lastPathComponent, "file name must be the id")
        #expect(Reproducer.id(of: reproducer.scenario) == reproducer.id, "id must hash the stored scenario")
        let injections = try TargetSpec.injections(named: reproducer.injectedBugs)
        let result = Replayer.replay(reproducer.scenario, runs: 2) { ModelTarget(injections: injections) }
        #expect(result.verdict != .flaky)
        #expect(
            result.matches(reproducer),
            "\(url.lastPathComponent): expected \(reproducer.expect.rawValue) \(reproducer.failure?.signature.description ?? ""), got \(result.verdict.rawValue) \(result.failure?.signature.description ?? "")"
        )
    }

    /// A reproducer of an injected bug records a real failure only if the correct model
    /// passes the same steps: otherwise the "bug" was the model's own.
    @Test(arguments: SeedCorpusTests.corpus)
    func injectedBugReproducersPassOnTheCorrectModel(_ url: URL) throws {
        let reproducer = try Reproducer.load(from: url)
        guard !reproducer.injectedBugs.isEmpty else { return }
        let result = Replayer.replay(reproducer.scenario, runs: 1) { ModelTarget() }
        #expect(result.verdict == .pass, "\(url.lastPathComponent) fails even without \(reproducer.injectedBugs): \(result.failure?.description ?? "")")
    }
}
