// `k8sfv dataplane-driver`: the external dataplane driver Felix starts
// (FELIX_USEINTERNALDATAPLANEDRIVER=false, FELIX_DATAPLANEDRIVER=<this>). Felix runs it with
// no arguments; fd 3 carries framed ToDataplane messages to us, fd 4 is for FromDataplane
// messages back (projectcalico/calico:felix/dataplane/external/ext_dataplane.go: ExtraFiles
// = [toDriverR, fromDriverW]). We must keep reading fd 3 (Felix blocks otherwise), keep fd 4
// open (its EOF makes Felix shut down) and not exit until fd 3 ends.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import FelixWire

enum DataplaneDriverCommand: K8sfvCommand {
    static let name = "dataplane-driver"
    static let summary = "The external dataplane driver Felix starts: relays its stream"
    static let about = """
        Usage: k8sfv dataplane-driver [--record FILE] [--relay-socket PATH]

        Run by Felix as its external dataplane driver. Reads framed ToDataplane messages on
        fd 3 continuously (Felix never waits on us), keeps fd 4 (towards Felix) open and
        silent, and relays every frame unchanged to a Unix socket. It keeps the state Felix
        has sent since it started (not the frame history), and every client that connects
        (each k8sfv command in turn) first gets that state, with InSync if Felix sent it,
        then the live frames; so several k8sfv commands can run one after another against
        one Felix. Exits when fd 3 reaches end of file: 0 normally, 2 if the stream was
        corrupt or cut short.
        """

    static let options: [OptionDeclaration] = [
        .text("--record", "FILE", "also append the raw byte stream to FILE (default: none); 'k8sfv decode FILE' prints it"),
        .text(
            "--relay-socket", "PATH", "Unix socket to relay frames to (default: env K8SFV_RELAY_SOCKET; unset = no relay)"),
        .duration(
            "--drain-timeout", allowZero: true, "at end of input, how long to keep trying to deliver queued frames",
            default: "10s"),
        .integer("--input-fd", in: 0...65535, "fd to read from", default: 3),
        .integer("--output-fd", in: 0...65535, "fd Felix reads from, kept open", default: 4),
    ]

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let recordPath = try arguments.option("--record")
        let relayPath = try arguments.option("--relay-socket")
            ?? ProcessInfo.processInfo.environment["K8SFV_RELAY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        let drainTimeout = try arguments.durationOption("--drain-timeout") ?? 10
        let inputFD = Int32(try arguments.intOption("--input-fd") ?? 3)
        let outputFD = Int32(try arguments.intOption("--output-fd") ?? 4)
        try arguments.finish()

        signal(SIGPIPE, SIG_IGN)  // a dead reader must be an EPIPE error, not our death
        guard fcntl(inputFD, F_GETFD) >= 0 else {
            throw InputError("fd \(inputFD) is not open: this command is meant to be started by Felix, which passes its message pipe as fd 3")
        }
        if fcntl(outputFD, F_GETFD) < 0 {
            io.error("k8sfv dataplane-driver: warning: fd \(outputFD) (towards Felix) is not open")
        }
        var recordFD: Int32?
        if let recordPath {
            let fd = open(recordPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw InputError("cannot open record file '\(recordPath)': \(SystemCallError("open"))") }
            recordFD = fd
        }
        defer { if let recordFD { close(recordFD) } }
        if let relayPath, relayPath.utf8.count > UnixSocket.maximumPathLength {
            throw UsageError("relay socket path '\(relayPath)' is longer than \(UnixSocket.maximumPathLength) bytes")
        }
        // Joinable: each k8sfv process that connects gets Felix's state first (StreamJournal).
        let relay = relayPath.map { RelayClient(socketPath: $0, journal: StreamJournal()) }
        io.error("k8sfv dataplane-driver: reading fd \(inputFD); relay: \(relayPath ?? "none"); record: \(recordPath ?? "none")")

        let summary = DriverPump(inputFD: inputFD, recordFD: recordFD, relay: relay).run()

        var line = "k8sfv dataplane-driver: end of input after \(summary.frames) frames, \(summary.bytes) bytes"
        if let relay {
            let unsent = relay.finish(timeout: drainTimeout)
            let status = relay.status
            line += "; relayed \(status.sent)"
            if unsent > 0 { line += ", \(unsent) NOT delivered (\(status.lastError ?? "socket unreachable"))" }
        }
        io.error(line)
        for error in summary.systemErrors { io.error("k8sfv dataplane-driver: \(error)") }
        if let error = summary.streamError {
            io.error("k8sfv dataplane-driver: input stream is corrupt \(error)")
            return ExitCode.badInput
        }
        return ExitCode.ok
    }
}
