import Foundation
import JobStore
import Logging

/// Keeps the leases of the jobs a run is working on alive, so a long download or conversion is not
/// taken over by the next run; remembers any lease that was lost so the work on it stops. It beats on a
/// Dispatch timer, so its database writes never hold a thread of Swift's cooperative pool.
final class LeaseHeartbeat: @unchecked Sendable {
    // @unchecked Sendable: `active`, `lost` and `timer` are only touched while holding `lock`.
    private let lock = NSLock()
    private var active: [String: Claim] = [:]
    private var lost: Set<String> = []
    private let store: JobStore
    private let leaseSeconds: Int
    private let logger: Logger
    private var timer: (any DispatchSourceTimer)?

    init(store: JobStore, claims: [Claim], leaseSeconds: Int, logger: Logger) {
        self.store = store
        self.leaseSeconds = leaseSeconds
        self.logger = logger
        for claim in claims { active[claim.jobID] = claim }
    }

    /// Renews every active lease each third of the lease time.
    func start() {
        let interval = max(1.0, Double(leaseSeconds) / 3)
        let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "pfc-jobs.lease-heartbeat"))
        source.schedule(deadline: .now() + interval, repeating: interval)
        source.setEventHandler { [weak self] in self?.beat() }
        lock.withLock { timer = source }
        source.resume()
    }

    func stop() {
        let source = lock.withLock { () -> (any DispatchSourceTimer)? in
            defer { timer = nil }
            return timer
        }
        source?.cancel()
    }

    /// The job is finished (or given up): stop renewing it.
    func release(_ claim: Claim) {
        lock.withLock { _ = active.removeValue(forKey: claim.jobID) }
    }

    func isLost(_ claim: Claim) -> Bool { lock.withLock { lost.contains(claim.jobID) } }

    func beat() {
        let claims = lock.withLock { Array(active.values) }
        for claim in claims {
            do {
                if try !store.extendLease(claim, leaseSeconds: leaseSeconds) {
                    logger.warning("Lease on \(claim.jobID) was taken over by another run; leaving it")
                    lock.withLock {
                        lost.insert(claim.jobID)
                        active.removeValue(forKey: claim.jobID)
                    }
                }
            } catch {
                logger.warning("Could not renew the lease on \(claim.jobID): \(error)")
            }
        }
    }
}
