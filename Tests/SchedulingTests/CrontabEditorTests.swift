import Testing
@testable import Scheduling

private let binary = "/opt/pfc jobs/bin/pfc-jobs"
private let config = "/home/me/My Images/config.json"

private func entry(_ interval: Int = 30) throws -> CrontabEntry {
    try CrontabEntry(plan: .forInterval(interval), executablePath: binary, configPath: config)
}

/// A crontab with everything a user may keep next to ours: comments, settings, blank lines,
/// other jobs, and the Python checker's two-line entry in the middle.
let userCrontab = """
    # m h  dom mon dow   command
    MAILTO=""
    SHELL=/bin/bash

    0 3 * * * /usr/bin/backup --all   # nightly
    # PeeperFrog Create batch checker
    */30 * * * * /path/to/venv/bin/python3 /path/to/batch_checker.py 2>&1
    @reboot /usr/local/bin/other-tool

    """

@Test func entryLineQuotesPathsAndEscapesPercent() throws {
    let line = try CrontabEntry(schedule: "*/5 * * * *", executablePath: "/usr/bin/pfc-jobs",
                                configPath: "/home/it's 100%/config.json").line
    #expect(line == #"*/5 * * * * /usr/bin/pfc-jobs check --scheduled --config '/home/it'\''s 100\%/config.json'"#)
    #expect(CrontabEntry(parsing: line) == (try CrontabEntry(schedule: "*/5 * * * *", executablePath: "/usr/bin/pfc-jobs",
                                                             configPath: "/home/it's 100%/config.json")))
}

@Test func entryRejectsRelativeAndMultiLinePaths() {
    #expect(throws: ScheduleError.pathNotAbsolute("pfc-jobs")) {
        try CrontabEntry(schedule: "* * * * *", executablePath: "pfc-jobs", configPath: "/c.json")
    }
    #expect(throws: ScheduleError.pathUnusableInSchedule("/a\nb.json")) {
        try CrontabEntry(schedule: "* * * * *", executablePath: "/bin/x", configPath: "/a\nb.json")
    }
}

@Test func installReplacesThePythonEntryInPlaceAndKeepsEverythingElse() throws {
    let installed = CrontabEditor.installing(try entry(45), into: userCrontab)
    let expected = """
        # m h  dom mon dow   command
        MAILTO=""
        SHELL=/bin/bash

        0 3 * * * /usr/bin/backup --all   # nightly
        \(CrontabEntry.marker)
        */15 * * * * '/opt/pfc jobs/bin/pfc-jobs' check --scheduled --config '/home/me/My Images/config.json'
        @reboot /usr/local/bin/other-tool

        """
    #expect(installed == expected)
    #expect(CrontabEditor.installing(try entry(45), into: installed) == installed)  // idempotent
    let findings = CrontabEditor.findings(in: installed)
    #expect(findings.managedEntry == (try entry(45)))
    #expect(!findings.hasLegacyEntry)
}

@Test func reinstallWithANewIntervalReplacesTheLine() throws {
    let first = CrontabEditor.installing(try entry(30), into: "MAILTO=me\n")
    let second = CrontabEditor.installing(try entry(90), into: first)
    #expect(second == "MAILTO=me\n\(CrontabEntry.marker)\n\(try entry(90).line)\n")
    #expect(second.components(separatedBy: CrontabEntry.marker).count == 2)
}

@Test func removeTakesOnlyOurBlockAndRestoresTheRest() throws {
    let original = "# keep\nMAILTO=\"\"\n\n5 * * * * /usr/bin/true\n"
    let installed = CrontabEditor.installing(try entry(), into: original)
    #expect(CrontabEditor.removing(from: installed) == original)
    // The Python entry is not ours to remove.
    #expect(CrontabEditor.removing(from: userCrontab) == userCrontab)
    #expect(CrontabEditor.removing(from: "") == "")
}

@Test func missingFinalNewlineAndCarriageReturnsSurvive() throws {
    let noFinalNewline = "# a\n5 * * * * /bin/true"
    #expect(CrontabEditor.installing(try entry(), into: noFinalNewline)
            == "# a\n5 * * * * /bin/true\n\(CrontabEntry.marker)\n\(try entry().line)\n")
    // Our block in the middle: the last line keeps its missing newline.
    let middle = "\(CrontabEntry.marker)\n\(try entry(60).line)\n# tail"
    #expect(CrontabEditor.installing(try entry(), into: middle) == "\(CrontabEntry.marker)\n\(try entry().line)\n# tail")
    #expect(CrontabEditor.removing(from: middle) == "# tail")
    let crlf = "# windows\r\n5 * * * * /bin/true\r\n"
    #expect(CrontabEditor.removing(from: CrontabEditor.installing(try entry(), into: crlf)) == crlf)
}

@Test func loosePythonLinesAndMarkersAreAllReplacedOnce() throws {
    let text = "*/10 * * * * python3 /x/batch_checker.py\n# other\n# PeeperFrog Create batch checker\n\n# end\n"
    let installed = CrontabEditor.installing(try entry(), into: text)
    #expect(installed == "\(CrontabEntry.marker)\n\(try entry().line)\n# other\n\n# end\n")
}

@Test func aMarkerFollowedByAnUnrelatedCommentKeepsTheComment() throws {
    let text = "\(CrontabEntry.marker)\n# not a job\n"
    #expect(CrontabEditor.removing(from: text) == "# not a job\n")
}
