import Foundation
import Testing
import TestSupport
@testable import Scheduling

/// Install / reinstall / remove / sync through the real `crontab` program against a throwaway
/// user's crontab holding unrelated lines and the Python checker's entry.
@Suite(.serialized, .enabled(if: ThrowawayUser.canCreate, "needs root to create a throwaway user for the real crontab program"))
struct CronSchedulerTests {
    let binary = "/usr/local/lib/pfc jobs/pfc-jobs"
    let config = "/srv/images/config.json"

    func withUser(_ body: (ThrowawayUser, CronScheduler) throws -> Void) throws {
        let user = try ThrowawayUser.create()
        defer { user.delete() }
        try body(user, CronScheduler(client: CrontabClient(crontabPath: "/usr/bin/crontab", user: user.name)))
    }

    @Test func installReplacesThePythonEntryAndIsIdempotent() throws {
        try withUser { user, scheduler throws in
            try user.setCrontab(userCrontab)
            let entry = try CrontabEntry(plan: .forInterval(30), executablePath: binary, configPath: config)
            #expect(try scheduler.install(entry) == .installed(replacedLegacyEntry: true))
            let afterFirst = try user.crontab()
            #expect(afterFirst == CrontabEditor.installing(entry, into: userCrontab))
            #expect(!afterFirst.contains("batch_checker.py"))
            #expect(afterFirst.contains("MAILTO=\"\"\nSHELL=/bin/bash\n\n0 3 * * * /usr/bin/backup --all   # nightly\n"))

            #expect(try scheduler.install(entry) == .alreadyInstalled)
            #expect(try user.crontab() == afterFirst)
            #expect(afterFirst.components(separatedBy: CrontabEntry.marker).count == 2)
        }
    }

    @Test func reinstallAtAnotherIntervalThenRemoveLeavesOnlyTheUsersLines() throws {
        try withUser { user, scheduler throws in
            let unrelated = "# mine\nMAILTO=someone@example.org\n\n15 4 * * 0 /usr/bin/weekly\n"
            try user.setCrontab(unrelated)
            try scheduler.install(CrontabEntry(plan: .forInterval(30), executablePath: binary, configPath: config))
            let updated = try scheduler.install(CrontabEntry(plan: .forInterval(100), executablePath: binary, configPath: config))
            #expect(updated == .updated(replacedLegacyEntry: false))
            #expect(try scheduler.findings().managedEntry?.schedule == "*/20 * * * *")
            #expect(try scheduler.remove() == .removed)
            #expect(try user.crontab() == unrelated)
            #expect(try scheduler.remove() == .nothingToRemove)
        }
    }

    @Test func removeKeepsThePythonEntry() throws {
        try withUser { user, scheduler throws in
            try user.setCrontab(userCrontab)
            #expect(try scheduler.remove() == .nothingToRemove)
            #expect(try user.crontab() == userCrontab)
        }
    }

    @Test func syncFollowsBatchCheckEnabled() throws {
        try withUser { user, scheduler throws in
            #expect(try user.crontab() == "")  // no crontab yet: read gives ""
            #expect(try scheduler.sync(enabled: true, intervalMinutes: 45, executablePath: binary, configPath: config)
                    == .installed(replacedLegacyEntry: false))
            #expect(try user.crontab() == "\(CrontabEntry.marker)\n*/15 * * * * '\(binary)' check --scheduled --config \(config)\n")
            #expect(try scheduler.sync(enabled: true, intervalMinutes: 45, executablePath: binary, configPath: config)
                    == .alreadyInstalled)
            #expect(try scheduler.sync(enabled: false, intervalMinutes: 45, executablePath: binary, configPath: config)
                    == .removed)
            #expect(try user.crontab() == "")
        }
    }

    @Test func aFailingCrontabProgramIsReportedWithItsMessage() throws {
        let client = CrontabClient(crontabPath: "/usr/bin/crontab", user: "pfc-no-such-user-\(UInt32.random(in: 0...99999))")
        #expect {
            _ = try client.read()
        } throws: { error in
            guard case .crontabFailed(_, let status, let stderr) = error as? ScheduleError else { return false }
            return status != 0 && !stderr.isEmpty
        }
        #expect(throws: ScheduleError.crontabNotFound("/nonexistent/crontab")) {
            _ = try CrontabClient(crontabPath: "/nonexistent/crontab").read()
        }
    }
}
