import Testing
@testable import Gen

// Run in release: `swift test -c release --filter GenBenchmarkReport`. Prints the figures;
// asserts only that they are sane. Skipped in debug builds, where timings mean little.
@Suite struct GenBenchmarkReport {
    #if DEBUG
    static let isRelease = false
    #else
    static let isRelease = true
    #endif

    @Test(.enabled(if: isRelease, "timings only mean something in release builds"))
    func printFigures() throws {
        let result = try GenBenchmark.run()
        print("GenBenchmark: \(result.summary)")
        #expect(result.choices > 0 && result.choicesPerSecond > 0)
        #expect(result.seedObjects == 1_070 && result.seedChoices > 1_000)
    }
}
