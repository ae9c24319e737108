import Campaign
import Dispatch
import Driver
import Foundation

/// Turns SIGINT and SIGTERM into a stop request, so a campaign finishes the sequence it is
/// on, prints its summary and exits 130, with every reproducer already on disk.
final class SignalTrap {
    private var sources: [DispatchSourceSignal] = []

    init(stopping flag: StopFlag, onSignal: @escaping @Sendable (Int32) -> Void = { _ in }) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                flag.stop()
                onSignal(signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
