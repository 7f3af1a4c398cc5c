import ArgumentParser
import Foundation
import OrderedJSON
import Scheduling
import Setup

/// `pfc-jobs doctor [--online] [--json]`: exit 0 when no check fails (warnings allowed), 1 when one does.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the setup and explain each problem with a fix.",
        discussion: """
        Checks: config, API key (never shown), images root, database integrity and schema version, schedule \
        against the config, log, last run, jobs with a long-expired lease, pending jobs close to the 48-hour \
        expiry, failed jobs, private file modes. Without --online nothing goes over the network; with it, one \
        GET models/{default_model} asks the service whether it accepts the key (online_key: a wrong, revoked or \
        expired key is refused with API_KEY_INVALID / API_KEY_EXPIRED) and whether the model is live and takes \
        batches (online_model: a retired model is named with its replacement). \
        One line per check: PASS, WARN or FAIL, with a fix. \
        Exit 0 when nothing FAILs (warnings are things to look at), 1 when something does. \
        --json prints an array of {"check", "status": "pass"|"warn"|"fail", "detail", "hint"}.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print the checks as a JSON array.")
    var json = false

    @Flag(help: "Also ask the service (GET models/{default_model}) whether it accepts the key and serves the model.")
    var online = false

    @Option(name: .customLong("crontab-user"), help: ArgumentHelp("Compare this user's crontab (crontab -u; root only).", valueName: "user"))
    var crontabUser: String?

    @Option(name: .customLong("crontab-program"), help: .hidden)
    var crontabProgram: String?

    func run() async throws {
        let doctor = Doctor(location: options.location,
                            crontab: CrontabClient(crontabPath: crontabProgram ?? CrontabClient.defaultCrontabPath(),
                                                   user: crontabUser))
        let report = await doctor.run(online: online)
        print(json ? report.json.serialized(style: .pretty) : report.text)
        if report.hasFailures { throw ExitCode.runtimeFailure }
    }
}
