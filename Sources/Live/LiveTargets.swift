// Where campaigns get the live target from. A campaign builds a target per sequence through
// FuzzCaseRunner.makeTarget(), but a live Felix is one long-lived process, so every sequence
// must share one LiveTarget (one relay socket, one rebuilt stream). The command that starts a
// live campaign installs a provider here; without one, `--target live` is an error that says
// how to set it up. Cost: a lock per lookup.

import Driver
import Synchronization

public enum LiveTargets {
    public typealias Provider = @Sendable () throws -> any Target

    private static let installed = Mutex<Provider?>(nil)

    /// Makes every later `--target live` run use `provider` (nil removes it).
    public static func install(_ provider: Provider?) {
        installed.withLock { $0 = provider }
    }

    /// Shares one target instance between all callers.
    public static func install(sharing target: LiveTarget) {
        install { target }
    }

    public static func make() throws -> any Target {
        guard let provider = installed.withLock({ $0 }) else {
            throw TargetError(
                "no live target is configured: run 'k8sfv live setup', start Felix with the environment it prints, then 'k8sfv fuzz --target live' (see docs/live.md)")
        }
        return try provider()
    }
}
