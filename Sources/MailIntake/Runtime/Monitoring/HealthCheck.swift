import Foundation

/// The limits `/healthz` judges by; `[monitoring]` sets them (see docs/configuration.md).
public struct HealthLimits: Sendable, Equatable {
    /// No successful poll for this long means the poller is stuck.
    public var staleAfter: TimeInterval
    /// A reply waiting longer than this to be accepted by the mail server means the outbox is stuck.
    public var outboxMaxAge: TimeInterval
    /// Less free space than this on the cases folder's file system is unhealthy.
    public var minFreeBytes: Int64

    public init(staleAfter: TimeInterval, outboxMaxAge: TimeInterval, minFreeBytes: Int64) {
        self.staleAfter = staleAfter
        self.outboxMaxAge = outboxMaxAge
        self.minFreeBytes = minFreeBytes
    }
}

/// `/healthz`'s answer: `ok`, or `unhealthy` with every reason found, each by kind and code
/// (fixed words and numbers we wrote; never a server's text, an address or a file name).
public struct HealthReport: Codable, Sendable, Equatable {
    public struct Reason: Codable, Sendable, Equatable {
        /// `poll`, `mailbox`, `outbox`, `storage`, …
        public var kind: String
        /// `connection-refused`, `stalled`, `stuck`, `EACCES`, `low-free-space`, …
        public var code: String
        /// A sentence for a person, built only from the kind, code and numbers.
        public var message: String
    }

    public var status: String
    public var reasons: [Reason]
    public var checkedAt: Date
    public var lastSuccessfulPollAt: Date?

    public var isHealthy: Bool { reasons.isEmpty }

    /// Judges `facts` at `now` (pure: no clock, no disk).
    public static func evaluate(_ facts: MonitoringState.Snapshot, limits: HealthLimits, now: Date) -> HealthReport {
        var reasons: [Reason] = []
        if let error = facts.mailboxError {
            let polls = facts.consecutiveFailedPolls
            reasons.append(
                Reason(
                    kind: error.kind, code: error.code,
                    message: "the last \(polls) poll\(polls == 1 ? "" : "s") failed: \(error)"))
        } else if let last = facts.lastSuccessfulPollAt {
            let age = now.timeIntervalSince(last)
            if age > limits.staleAfter {
                reasons.append(
                    Reason(kind: "poll", code: "stalled", message: "no successful poll for \(Int(age)) s (the poller may be stuck)"))
            }
        } else {
            reasons.append(Reason(kind: "poll", code: "no-poll-yet", message: "no poll has finished yet"))
        }
        if let oldest = facts.oldestPendingReplyAt, now.timeIntervalSince(oldest) > limits.outboxMaxAge {
            let age = Int(now.timeIntervalSince(oldest))
            reasons.append(
                Reason(
                    kind: "outbox", code: "stuck",
                    message: "the oldest of \(facts.outboxDepth) unsent repl\(facts.outboxDepth == 1 ? "y" : "ies") has waited \(age) s "
                        + "(limit \(Int(limits.outboxMaxAge)) s)"))
        }
        if let storage = facts.storage {
            if let failure = storage.writeFailure {
                reasons.append(
                    Reason(kind: "storage", code: failure.code, message: "the cases folder cannot be written: \(failure)"))
            }
            if let free = storage.freeBytes, free < limits.minFreeBytes {
                reasons.append(
                    Reason(
                        kind: "storage", code: "low-free-space",
                        message: "\(free) bytes free on the cases folder's file system (floor \(limits.minFreeBytes))"))
            }
        }
        return HealthReport(
            status: reasons.isEmpty ? "ok" : "unhealthy", reasons: reasons, checkedAt: now,
            lastSuccessfulPollAt: facts.lastSuccessfulPollAt)
    }

    /// The JSON body of `/healthz` (sorted keys, ISO 8601 dates), ending in a newline.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(self)) ?? Data("{\"status\":\"unhealthy\"}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
