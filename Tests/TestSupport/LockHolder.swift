import Foundation

/// Another process holding an flock on a file (as a legacy tool or a second pfc-jobs would), until killed.
/// Starting it waits, bounded, until the lock is taken.
public final class LockHolder: Sendable {
    public let child: ChildProcess
    /// The holder's output and its "ready" file, in a folder of its own (not in the folder under test).
    private let scratch: TemporaryFolder

    /// Takes an exclusive flock on `path` in a Python process and returns once it holds it.
    public init(path: String) throws {
        scratch = try TemporaryFolder("pfc-lock-holder")
        let ready = scratch.appending("ready")
        child = try ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-c", """
            import fcntl, sys, time
            f = open(sys.argv[1], "a"); fcntl.flock(f, fcntl.LOCK_EX); open(sys.argv[2], "w").close(); time.sleep(600)
            """, path, ready.path], environment: nil, directory: scratch.url, logFolder: scratch.url)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while !FileManager.default.fileExists(atPath: ready.path) {
            guard child.isRunning, clock.now < deadline else {
                child.kill()
                throw HarnessError.failed("the lock holder did not take \(path): \(child.readStderr())")
            }
            usleep(5_000)  // a short, bounded wait; synchronous so sync tests can use it too
        }
    }

    /// Kills the holder and waits for it, so the lock is free when this returns.
    public func release() {
        child.kill()
        child.process.waitUntilExit()
    }
}
