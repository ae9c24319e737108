// Runs one async KubeClient call from synchronous code (the Target protocol is synchronous).
// Takes: an async throwing closure. Gives: its result on the calling thread, which blocks on a
// semaphore while a detached task does the work. Cost: one task and one wait per call.
// Never call this from inside a Swift concurrency task whose executor the work needs; the
// live target and felix-sim call it only from ordinary threads.

import Foundation
import Synchronization

enum LiveBlocking {
    /// Waits for `body` to finish and returns its value or rethrows its error.
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            box.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try box.withLock { $0! }.get()
    }
}
