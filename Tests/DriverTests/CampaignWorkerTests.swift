import Calico
import Campaign
import Driver
import Foundation
import Gen
import Testing

/// The worker loop and its JSON-lines protocol, in-process (no child processes).
@Suite struct CampaignWorkerTests {
    @Test func workerRunsItsResidueFromStartAndReportsEachSequence() {
        let configuration = CampaignConfiguration(seed: 11, sequenceLimit: 4, firstIndex: 1, stride: 3)
        var messages: [WorkerMessage] = []
        CampaignWorker(configuration: configuration, start: 4).run(stopFlag: StopFlag()) { messages.append($0) }
        let started = messages.filter { $0.event == .started }.map(\.index)
        let finished = messages.filter { $0.event == .finished }.map(\.index)
        #expect(started == [4, 7, 10, 13])
        #expect(finished == started)
        #expect(messages.last?.event == .stopped)
        #expect(messages.last?.index == 16)
    }

    @Test func workerCountersMatchARunOfTheSameSequence() throws {
        let configuration = CampaignConfiguration(seed: 5, sequenceLimit: 1, firstIndex: 2, stride: 1)
        var finished: WorkerMessage?
        CampaignWorker(configuration: configuration, start: 2).run(stopFlag: StopFlag()) {
            if $0.event == .finished { finished = $0 }
        }
        let direct = try FuzzCaseRunner(configuration: configuration).run(index: 2)
        let message = try #require(finished)
        #expect(message.steps == direct.outcome.stepsRun)
        #expect(message.failure?.signature == direct.outcome.failure?.signature)
        #expect(message.statistics.sequences == 1)
        #expect(message.statistics.stepKinds == direct.outcome.stepKinds)
    }

    @Test func messagesRoundTripThroughOneLine() throws {
        let failure = Failure(property: .targetError, kind: "crash", stepIndex: nil, stepKind: nil, details: ["a\nb"])
        let message = WorkerMessage(event: .finished, index: 42, steps: 3, failure: failure, stepKinds: ["createPod": 3])
        let line = message.line()
        #expect(!line.contains("\n"))
        #expect(WorkerMessage.parse(line[...]) == message)
        #expect(WorkerMessage.parse("Fatal error: not JSON") == nil)
    }

    @Test func stoppedWorkerRunsNothing() {
        let flag = StopFlag()
        flag.stop()
        var messages: [WorkerMessage] = []
        CampaignWorker(configuration: CampaignConfiguration(seed: 1, sequenceLimit: 5), start: 0).run(stopFlag: flag) {
            messages.append($0)
        }
        #expect(messages.map(\.event) == [.stopped])
    }

    @Test func specRoundTripsTheConfiguration() throws {
        let configuration = CampaignConfiguration(
            seed: 0xFFFF_FFFF_FFFF_FFF1, sequenceLimit: 9, scale: .small, outputDirectory: URL(fileURLWithPath: "/tmp/x"),
            firstIndex: 3, stride: 4)
        let spec = WorkerSpec(configuration: configuration, start: 7, count: 2, seconds: 1.5)
        let decoded = try WorkerSpec.decode(argument: spec.encodedArgument())
        #expect(decoded == spec)
        let back = try decoded.configuration()
        #expect(back.seed == configuration.seed)
        #expect(back.firstIndex == 3 && back.stride == 4 && back.sequenceLimit == 2 && back.timeLimit == 1.5)
        #expect(back.sequenceSeed(7) == configuration.sequenceSeed(7))
    }

    @Test func testTrapIsOffUnlessItsVariableIsSet() {
        #expect(TestTrap.from(environment: [:]) == nil)
        #expect(TestTrap.from(environment: [TestTrap.trapVariable: "deletePod"]) == TestTrap(action: .trap, stepKind: "deletePod"))
        #expect(TestTrap.from(environment: [TestTrap.hangVariable: "movePod"])?.action == .hang)
    }
}
