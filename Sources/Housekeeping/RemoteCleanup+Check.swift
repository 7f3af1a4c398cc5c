import Foundation
import GeminiBatch
import JobStore
import Logging
import PFCConfig

extension RemoteCleanup {
    /// At most this many jobs are cleaned by one `check` run, so turning the setting on for a database of
    /// years does not make one cron run long; the rest follow in the next runs.
    public static let perCheckRunLimit = 100

    /// The remote part of `prune`, as `check` does it by itself at the end of a run when the config sets
    /// `remote_cleanup_after_days`: the batches of jobs that finished at least that many days ago are deleted
    /// on the API. Does nothing when the setting is absent. Never throws: what it did, and any failure, is logged
    /// (nothing when there was nothing to do), and the check run's outcome stays what it was.
    ///
    /// ```swift
    /// await RemoteCleanup.afterCheck(config: config, store: store, client: client, logger: logger)
    /// ```
    /// `clock` is the time the check run works at (the same one its checker stamps completions with).
    public static func afterCheck(config: Config, store: JobStore, client: GeminiBatchClient, logger: Logger,
                                  clock: @escaping @Sendable () -> Date = { Date() }) async {
        guard let days = config.remoteCleanupAfterDays else { return }
        let cleanup = RemoteCleanup(store: store, client: client, maxConcurrent: config.maxConcurrentRequests, clock: clock)
        do {
            let report = try await cleanup.run(finishedBefore: AgeLimit(days: days).cutoff(now: clock()), limit: perCheckRunLimit)
            if !report.deleted.isEmpty || !report.alreadyGone.isEmpty || !report.failed.isEmpty {
                logger.info("Remote cleanup (remote_cleanup_after_days \(days)): \(report.summary)")
            }
            for failure in report.failed {
                logger.warning("Remote cleanup of \(failure.jobID) failed: \(failure.reason); tried again next run")
            }
        } catch {
            logger.error("Remote cleanup stopped: \(error)")
        }
    }
}
