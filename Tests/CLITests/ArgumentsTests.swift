import Testing
@testable import K8sfvCLI

@Suite struct ArgumentsTests {
    @Test func optionsFlagsAndPositionals() throws {
        var args = Arguments(["--seed", "7", "file.json", "--json", "--scale=small"])
        #expect(try args.uint64Option("--seed") == 7)
        let json = args.flag("--json")
        #expect(json)
        #expect(try args.option("--scale") == "small")
        let file = args.positional()
        #expect(file == "file.json")
        try args.finish()
    }

    @Test func leftoversAreUsageErrors() {
        let args = Arguments(["--sed", "7"])
        #expect(throws: UsageError.self) { try args.finish() }
        var bad = Arguments(["--workers", "zero"])
        #expect(throws: UsageError.self) { _ = try bad.intOption("--workers", default: 1, in: 1...64) }
    }

    @Test func unknownCommandExitsTwo() {
        let captured = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["frobnicate"], io: captured.io) == 2)
        #expect(captured.stderr.contains("unknown command 'frobnicate'"))
    }

    @Test func durations() {
        #expect(Arguments.parseDuration("90s") == 90)
        #expect(Arguments.parseDuration("5m") == 300)
        #expect(Arguments.parseDuration("2h") == 7200)
        #expect(Arguments.parseDuration("abc") == nil)
    }

    @Test func anOptionFollowedByAnotherOptionIsAForgottenValue() throws {
        var args = Arguments(["--out", "--json"])
        #expect(throws: UsageError.self) { try args.option("--out") }
        var explicit = Arguments(["--out=--json"])
        #expect(try explicit.option("--out") == "--json")
        var negative = Arguments(["--time", "-1"])
        #expect(try negative.option("--time") == "-1")
    }

    @Test func benchRefusesAnUnknownBugName() throws {
        var args = Arguments(["shrink-injections", "--bugs", "nosuch"])
        #expect(throws: UsageError.self) { try BenchOptions.parse(&args) }
        var known = Arguments(["shrink-injections", "--bugs", "ipSetNotRefCounted"])
        #expect(try BenchOptions.parse(&known).bugs == ["ipSetNotRefCounted"])
    }
}
