#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

// A campaign's children (workers, shrinkers, their evaluators) must not outlive it: after a
// kill -9 of `k8sfv fuzz`, a shrinker left running would keep a core busy and write into the
// output directory behind the user's back. On Linux each child asks the kernel for SIGKILL
// when its parent dies (PR_SET_PDEATHSIG). The parent's pid travels in the environment so a
// child can tell that its parent died before it asked (then it is already an orphan).
// Elsewhere this is a no-op: the parent still kills its children on every exit it sees.

public enum ParentDeath {
    /// The variable `ChildProcess` sets to the parent's pid.
    public static let environmentVariable = "K8SFV_PARENT_PID"

    /// The environment for a child: this one, with the parent's pid added.
    static func childEnvironment() -> [String] {
        let prefix = environmentVariable + "="
        return ProcessInfo.processInfo.environment
            .filter { $0.key != environmentVariable }
            .map { "\($0.key)=\($0.value)" }
            .sorted() + [prefix + String(getpid())]
    }

    /// Called first thing in a child: die with the parent. Exits at once when the parent is
    /// already gone.
    public static func armInChild() {
        guard let text = ProcessInfo.processInfo.environment[environmentVariable], let parent = pid_t(text) else { return }
        #if os(Linux)
        // prctl is variadic in C, so Swift cannot call it directly: look it up and call it
        // through a fixed-argument pointer (the same registers on Linux's ABIs).
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        let prSetPdeathsig: Int32 = 1
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") {
            let prctl = unsafeBitCast(symbol, to: Prctl.self)
            _ = prctl(prSetPdeathsig, UInt(SIGKILL), 0, 0, 0)
        }
        #endif
        if getppid() != parent { _exit(137) }
    }
}
