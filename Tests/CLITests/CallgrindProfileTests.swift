import Foundation
import Testing
@testable import K8sfvCLI

/// The callgrind reader behind `bench instructions`: self costs, call costs, inclusive counts.
@Suite struct CallgrindProfileTests {
    static let sample = """
        # callgrind format
        version: 1
        events: Ir
        fl=a.swift
        fn=main
        1 10
        cfn=oracle
        calls=2 5
        2 300
        cfn=model
        calls=1 9
        3 40
        fn=oracle
        5 200
        cfn=convert
        calls=4 7
        6 100
        fn=model
        9 40
        fn=convert
        7 100
        totals: 450
        """

    @Test func inclusiveCountsAddCallsToSelfCosts() {
        let profile = CallgrindProfile(text: Self.sample)
        #expect(profile.total == 450)
        #expect(profile.inclusive["main"] == 350)
        #expect(profile.inclusive["oracle"] == 300)
        #expect(profile.inclusive["model"] == 40)
        #expect(profile.inclusive["convert"] == 100)
        // The largest variant wins a piece; pieces of different entry points add up.
        #expect(profile.inclusive(containing: "n") == 350)
        #expect(profile.inclusive(summing: ["oracle", "model"]) == 340)
        #expect(profile.inclusive(containing: "absent") == 0)
    }

    @Test func withoutTotalsTheSelfCostsAreSummed() {
        let profile = CallgrindProfile(text: Self.sample.replacingOccurrences(of: "totals: 450", with: ""))
        #expect(profile.total == 10 + 200 + 40 + 100)
    }

    @Test func instructionsIsOnlyRunWhenNamed() throws {
        var arguments = try Arguments(["all"], for: BenchCommand.self)
        let options = try BenchOptions.parse(&arguments)
        #expect(!options.sections.contains(.instructions))
        var named = try Arguments(["instructions", "--iterations", "7"], for: BenchCommand.self)
        let chosen = try BenchOptions.parse(&named)
        #expect(chosen.sections == [.instructions] && chosen.iterations == 7)
    }

    @Test func aChildRunsOneWorkloadAndPrintsItsSize() throws {
        let captured = CapturedIO()
        let code = K8sfvMain.run(
            arguments: ["bench", "instructions", "--instructions-child", "int-pair", "--count", "3"], io: captured.io)
        #expect(code == 0)
        #expect(captured.stdout.contains("\"items\":3"))
        let bad = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["bench", "--instructions-child", "nope"], io: bad.io) == 2)
    }
}
