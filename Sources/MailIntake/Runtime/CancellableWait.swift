import Foundation

/// Waits for a blocking operation that cannot itself be interrupted (IMAP IDLE runs on the
/// mailbox's own queue for up to the poll interval), but returns at once when the waiting
/// task is cancelled: SIGTERM must not wait out a two-minute IDLE. The abandoned operation
/// finishes on its own later and its result is dropped.
enum CancellableWait {
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let gate = Gate<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                gate.attach(continuation)
                Task {
                    do {
                        gate.resume(.success(try await operation()))
                    } catch {
                        gate.resume(.failure(error))
                    }
                }
            }
        } onCancel: {
            gate.resume(.failure(CancellationError()))
        }
    }

    /// Resumes the continuation exactly once, whichever comes first (even a cancellation that
    /// arrives before the continuation exists).
    private final class Gate<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, any Error>?
        private var early: Result<T, any Error>?
        private var done = false

        func attach(_ continuation: CheckedContinuation<T, any Error>) {
            lock.lock()
            if let early {
                done = true
                lock.unlock()
                continuation.resume(with: early)
                return
            }
            self.continuation = continuation
            lock.unlock()
        }

        func resume(_ result: Result<T, any Error>) {
            lock.lock()
            guard !done else {
                lock.unlock()
                return
            }
            guard let continuation else {
                if early == nil { early = result }
                lock.unlock()
                return
            }
            done = true
            self.continuation = nil
            lock.unlock()
            continuation.resume(with: result)
        }
    }
}
