import Foundation

/// A server process for tests, spawned with a clean signal mask.
///
/// Foundation's `Process` passes on the test runner's blocked signals, and a Dovecot master
/// whose SIGTERM is blocked never shuts down; `posix_spawn` with an empty mask and default
/// handlers gives the server the signals it expects.
struct ChildProcess {
    let pid: pid_t

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `executable` with `arguments`, stdout and stderr appended to `logFile`.
    init(executable: String, arguments: [String], logFile: String) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw Failure(description: "cannot start \(executable): error \(result)") }
        self.pid = pid
    }

    /// True while the process has not exited (reaps it when it has).
    var isRunning: Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    /// The process's descendants, found through /proc (ours only: never a process we did not start).
    func descendants() -> [pid_t] {
        var parents: [pid_t: pid_t] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let child = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { parents[child] = parent }
        }
        var found: [pid_t] = []
        var frontier = [pid]
        while let current = frontier.popLast() {
            let children = parents.filter { $0.value == current }.map(\.key)
            found += children
            frontier += children
        }
        return found
    }

    /// Ends the process and every descendant at once (SIGKILL) and reaps it: a test server
    /// has nothing worth a graceful shutdown, and Dovecot's takes about a second, which adds up
    /// over a parallel suite. Client sessions die with it, as in a real crash or restart.
    func terminate() {
        let family = descendants()
        kill(pid, SIGKILL)
        for member in family { kill(member, SIGKILL) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}
