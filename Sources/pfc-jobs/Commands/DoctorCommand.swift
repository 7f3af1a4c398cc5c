import ArgumentParser
import Foundation
import OrderedJSON
import Scheduling
import Setup

/// `pfc-jobs doctor [--json]`: exit 0 when no check fails (warnings allowed), 1 when one does.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the setup and explain each problem with a fix.",
        discussion: """
        Checks: config, API key (never shown), images root, database integrity and schema version, schedule \
        against the config, log, last run, jobs with a long-expired lease, pending jobs close to the 48-hour \
        expiry, failed jobs, private file modes. One line per check: PASS, WARN or FAIL, with a fix. \
        Exit 0 when nothing FAILs (warnings are things to look at), 1 when something does. \
        --json prints an array of {"check", "status": "pass"|"warn"|"fail", "detail", "hint"}.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the checks as a JSON array.")
    var json = false

    @Option(name: .customLong("crontab-user"), help: ArgumentHelp("Compare this user's crontab (crontab -u; root only).", valueName: "user"))
    var crontabUser: String?

    @Option(name: .customLong("crontab-program"), help: .hidden)
    var crontabProgram: String?

    func run() throws {
        let doctor = Doctor(configPath: global.config, databasePath: global.db,
                            crontab: CrontabClient(crontabPath: crontabProgram ?? CrontabClient.defaultCrontabPath(),
                                                   user: crontabUser))
        let report = doctor.run()
        print(json ? report.json.serialized(style: .pretty) : report.text)
        if report.hasFailures { throw ExitCode.runtimeFailure }
    }
}
