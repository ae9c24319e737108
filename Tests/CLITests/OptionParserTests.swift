import Testing
@testable import K8sfvCLI

/// The option parser (`Arguments` over `OptionDeclaration`s) and the help made from the same
/// declarations: every case the issue names, and that help and parser agree for every command.
@Suite struct OptionParserTests {
    static let table: [OptionDeclaration] = [
        .unsigned64("--seed", "seed"),
        .integer("--workers", in: 1...1024, "workers"),
        .duration("--time", "time"),
        .duration("--settle", allowZero: true, "settle", default: "50ms"),
        .choice("--scale", ["small", "seed"], "scale", default: "small"),
        .text("--out", "DIR", "out"),
        .text("--inject", "NAME", "inject", repeatable: true),
        .flag("--json", "json"),
    ]

    static func parse(_ items: [String]) throws(UsageError) -> Arguments { try Arguments(items, declarations: table) }

    static func refusal(_ items: [String]) -> String? {
        do {
            _ = try parse(items)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func optionsFlagsAndPositionalsInAnyOrder() throws {
        var args = try Self.parse(["--seed", "7", "file.json", "--json", "--scale=seed"])
        #expect(try args.uint64Option("--seed") == 7)
        #expect(try args.flag("--json"))
        #expect(try args.option("--scale") == "seed")
        #expect(args.positional() == "file.json")
        try args.finish()
    }

    @Test func equalsFormIsTheSameAsTheSpacedForm() throws {
        var spaced = try Self.parse(["--workers", "4", "--time", "5m"])
        var joined = try Self.parse(["--workers=4", "--time=5m"])
        #expect(try spaced.intOption("--workers") == 4 && joined.intOption("--workers") == 4)
        #expect(try spaced.durationOption("--time") == 300 && joined.durationOption("--time") == 300)
        // A flag takes no value, not even with `=`.
        #expect(Self.refusal(["--json=yes"])?.contains("--json is a flag and takes no value") == true)
    }

    @Test func doubleDashEndsTheOptions() throws {
        var args = try Self.parse(["--json", "--", "--seed", "-x"])
        #expect(try args.flag("--json"))
        #expect(args.positional() == "--seed")
        #expect(args.positional() == "-x")
        #expect(try args.uint64Option("--seed") == nil)
        try args.finish()
    }

    @Test func aRepeatedOptionIsRefusedUnlessRepeatable() throws {
        #expect(Self.refusal(["--seed", "1", "--seed", "2"]) == "option --seed given twice (--seed 1 and --seed 2); give it once")
        #expect(Self.refusal(["--json", "--json"])?.contains("option --json given twice") == true)
        var args = try Self.parse(["--inject", "a", "--inject=b"])
        #expect(try args.options("--inject") == ["a", "b"])
    }

    @Test func rangesAreCheckedWhereTheyAreDeclared() {
        #expect(Self.refusal(["--time", "inf"]) == "option --time takes a duration such as 90s, 5m or 2h, not 'inf'")
        #expect(Self.refusal(["--time", "1e400"]) != nil)
        #expect(Self.refusal(["--time", "0"]) == "option --time takes a duration of more than 0, not '0'")
        #expect(Self.refusal(["--time", "87601h"])?.contains("at most 87600h") == true)
        #expect(Self.refusal(["--settle", "0"]) == nil, "a duration declared allowZero takes 0")
        #expect(Self.refusal(["--workers", "0"]) == "option --workers takes a whole number from 1 to 1024, not '0'")
        #expect(Self.refusal(["--workers", "1025"]) != nil)
        #expect(Self.refusal(["--workers", "zero"]) != nil)
        #expect(Self.refusal(["--seed", "0x1F"]) == nil)
        #expect(Self.refusal(["--seed", "-1"]) == "option --seed takes a number (decimal or 0x-hex), not '-1'")
        #expect(Self.refusal(["--scale", "huge"]) == "option --scale takes small or seed, not 'huge'")
    }

    @Test func anUnknownOptionSuggestsTheNearestKnownOne() {
        #expect(Self.refusal(["--sede", "1"]) == "unknown option --sede (did you mean --seed?)")
        #expect(Self.refusal(["--wrokers", "2"]) == "unknown option --wrokers (did you mean --workers?)")
        #expect(Self.refusal(["--frobnicate"])?.hasPrefix("unknown option --frobnicate; ") == true)
    }

    @Test func anOptionFollowedByAnotherOptionIsAForgottenValue() throws {
        #expect(Self.refusal(["--out", "--json"])?.contains("needs a value, but the next argument is the option '--json'") == true)
        #expect(Self.refusal(["--out"]) == "option --out needs a value")
        var explicit = try Self.parse(["--out=--json"])
        #expect(try explicit.option("--out") == "--json")
    }

    @Test func defaultsComeFromTheDeclarationAndPassTheSameCheck() throws {
        var args = try Self.parse([])
        #expect(try args.durationOption("--settle") == 0.05)
        #expect(try args.option("--scale") == "small")
        #expect(try args.isGiven("--scale") == false)
        #expect(try args.uint64Option("--seed") == nil)
        // Every command's declared defaults pass their own option's check.
        for command in CommandRegistry.all + CommandRegistry.hidden {
            for option in command.options {
                if let value = option.defaultValue {
                    #expect(throws: Never.self, "\(command.name) \(option.name)") { try option.check(value) }
                }
            }
        }
    }

    @Test func anOptionThatDoesNotApplyAndALeftoverArgumentAreRefused() throws {
        let args = try Self.parse(["--seed", "3"])
        #expect(throws: UsageError.self) { try args.finish() }
        var extra = try Self.parse(["one", "two"])
        _ = extra.positional()
        #expect { try extra.finish() } throws: { ($0 as? UsageError)?.message == "unexpected argument 'two'" }
    }

    @Test func readingAnUndeclaredOptionIsAnInternalError() throws {
        var args = try Self.parse([])
        #expect(throws: InternalError.self) { try args.option("--nosuch") }
    }

    @Test func durations() {
        #expect(Arguments.parseDuration("90s") == 90)
        #expect(Arguments.parseDuration("5m") == 300)
        #expect(Arguments.parseDuration("2h") == 7200)
        #expect(Arguments.parseDuration("250ms") == 0.25)
        #expect(Arguments.parseDuration("abc") == nil)
        #expect(Arguments.parseDuration("nan") == nil)
    }

    /// Through the real commands: the same refusals, exit 2, and the help pointer.
    @Test func theCommandsRefuseBadLinesWithExitTwo() {
        for (line, message) in [
            (["fuzz", "--seed", "1", "--seed", "2"], "option --seed given twice"),
            (["fuzz", "--time", "inf"], "option --time takes a duration"),
            (["fuzz", "--workers", "0"], "option --workers takes a whole number from 1 to 1024, not '0'"),
            (["fuzz", "--iteratoins", "3"], "did you mean --iterations?"),
            (["fuzz", "--out", "--json"], "needs a value"),
            (["fuzz", "--list-injections", "--seed", "3"], "option --seed does not apply here"),
            (["replay", "--deadline", "5s", "x.json"], "--deadline applies only with --target live"),
            (["gen", "--seed", "1", "--count=0"], "option --count takes a whole number from 1 to 1000000"),
        ] {
            let captured = CapturedIO()
            #expect(K8sfvMain.run(arguments: line, io: captured.io) == 2, "\(line)")
            #expect(captured.stderr.contains(message), "\(line): \(captured.stderr)")
        }
    }

    @Test func unknownCommandExitsTwo() {
        let captured = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["frobnicate"], io: captured.io) == 2)
        #expect(captured.stderr.contains("unknown command 'frobnicate'"))
    }

    /// The option names a help text lists: lines that start with two spaces and `--`.
    static func listedOptions(in help: String) -> [String] {
        help.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  --") else { return nil }
            return String(line.dropFirst(2).prefix(while: { !$0.isWhitespace }))
        }
    }

    /// Help lists exactly what the parser accepts, for every command (hidden ones too): each
    /// listed option parses with a sample value, and nothing declared is missing from help.
    @Test func everyCommandsHelpAndParserAgree() throws {
        for command in CommandRegistry.all + CommandRegistry.hidden {
            let listed = Self.listedOptions(in: command.help)
            let declared = command.options.map(\.name)
            #expect(Set(listed) == Set(declared + ["--help"]), "\(command.name): help \(listed.sorted()), parser \(declared.sorted())")
            #expect(listed.count == Set(listed).count, "\(command.name) lists an option twice")
            #expect(declared.count == Set(declared).count, "\(command.name) declares an option twice")
            for option in command.options {
                var items = [option.name]
                switch option.value {
                case .none: break
                case .text: items.append("x")
                case .integer(_, let range): items.append(String(range.lowerBound))
                case .unsigned64: items.append("1")
                case .duration: items.append("1s")
                case .choice(let words): items.append(words[0])
                }
                #expect(throws: Never.self, "\(command.name) \(items)") { try Arguments(items, for: command) }
            }
        }
    }

    @Test func benchRefusesAnUnknownBugName() throws {
        var args = try Arguments(["shrink-injections", "--bugs", "nosuch"], for: BenchCommand.self)
        #expect(throws: UsageError.self) { try BenchOptions.parse(&args) }
        var known = try Arguments(["shrink-injections", "--bugs", "ipSetNotRefCounted"], for: BenchCommand.self)
        #expect(try BenchOptions.parse(&known).bugs == ["ipSetNotRefCounted"])
    }
}
