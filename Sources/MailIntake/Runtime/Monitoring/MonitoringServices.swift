import Foundation
import ServiceLifecycle

/// The poll loop as a swift-service-lifecycle `Service`: a graceful shutdown (SIGTERM,
/// SIGINT) cancels the loop, which finishes the message in hand (`PollService.runCycle` runs
/// each message in a task of its own that the cancellation does not reach) and returns.
public struct PollLoopService: Service {
    public let poller: PollService
    public let interval: Duration
    public let idle: Bool

    public init(poller: PollService, interval: Duration, idle: Bool) {
        self.poller = poller
        self.interval = interval
        self.idle = idle
    }

    public func run() async throws {
        let poller = self.poller
        let interval = self.interval
        let idle = self.idle
        await cancelWhenGracefulShutdown {
            await poller.run(interval: interval, idle: idle)
        }
    }
}

/// Probes the cases folder every `every` (writable? space left?) into `MonitoringState`.
public struct StorageProbeService: Service {
    public let probe: StorageProbe
    public let state: MonitoringState
    public let every: Duration

    public init(probe: StorageProbe, state: MonitoringState, every: Duration) {
        self.probe = probe
        self.state = state
        self.every = every
    }

    public func run() async throws {
        let probe = self.probe
        let state = self.state
        let every = self.every
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let result = await probe.probe(timeout: .seconds(2))
                state.update { $0.storage = result }
                try await Task.sleep(for: every)
            }
        }
    }
}
