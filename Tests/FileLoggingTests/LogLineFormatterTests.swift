import Foundation
import Logging
import Testing
@testable import FileLogging

@Suite struct LogLineFormatterTests {
    static var linePattern: Regex<(Substring, Substring)> { #/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] \[(DEBUG|INFO|WARNING|ERROR)\] .*$/# }

    @Test(arguments: [
        (Logger.Level.trace, "DEBUG"), (.debug, "DEBUG"), (.info, "INFO"), (.notice, "INFO"),
        (.warning, "WARNING"), (.error, "ERROR"), (.critical, "ERROR"),
    ])
    func levelNamesFollowTheLegacyFormat(level: Logger.Level, name: String) {
        #expect(LogLineFormatter.levelName(level) == name)
        let line = LogLineFormatter().line(level: level, message: "hello")
        #expect(line.wholeMatch(of: Self.linePattern) != nil)
        #expect(line.hasSuffix("] [\(name)] hello"))
    }

    @Test func timestampIsLocalTimeToTheSecond() {
        // Build the expected text from the calendar independently of the formatter.
        let date = Date(timeIntervalSince1970: 1_770_543_015.75)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let expected = String(format: "[%04d-%02d-%02d %02d:%02d:%02d] [INFO] Batch check complete: 1 retrieved, 0 failed/errors",
                              parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
        #expect(LogLineFormatter().line(level: .info, message: "Batch check complete: 1 retrieved, 0 failed/errors", date: date) == expected)
    }

    @Test func metadataIsAppendedSortedAsKeyValuePairs() {
        let line = LogLineFormatter().line(level: .warning, message: "retrying", metadata: ["job": "batches/abc", "attempt": "2"])
        #expect(line.hasSuffix("[WARNING] retrying attempt=2 job=batches/abc"))
    }

    @Test func lineBreaksStayOnOneLine() {
        let line = LogLineFormatter().line(level: .error, message: "first\nsecond\r\nthird")
        #expect(!line.contains("\n") && !line.contains("\r"))
        #expect(line.hasSuffix("first\\nsecond\\nthird"))
    }
}

@Suite struct SecretRedactorTests {
    static let key = "AIzaSyD-test-key-0123456789"

    @Test func secretIsReplacedEverywhere() {
        let redactor = SecretRedactor(secrets: [Self.key])
        let text = "GET https://host/v1beta/batches?key=\(Self.key) failed; header x-goog-api-key: \(Self.key)"
        let redacted = redactor.redact(text)
        #expect(!redacted.contains(Self.key))
        #expect(redacted == "GET https://host/v1beta/batches?key=[REDACTED] failed; header x-goog-api-key: [REDACTED]")
    }

    @Test func formatterRedactsMessageAndMetadata() {
        let formatter = LogLineFormatter(redactor: SecretRedactor(secrets: [Self.key]))
        let line = formatter.line(level: .error, message: "bad key \(Self.key)", metadata: ["url": "https://h/?key=\(Self.key)"])
        #expect(!line.contains(Self.key))
        #expect(line.hasSuffix("bad key [REDACTED] url=https://h/?key=[REDACTED]"))
    }

    @Test func emptyAndTinySecretsAreIgnored() {
        let redactor = SecretRedactor(secrets: ["", "a", "abc"])
        #expect(redactor.redact("a cat abc") == "a cat abc")
    }

    @Test func longerSecretWinsOverOneItContains() {
        let redactor = SecretRedactor(secrets: ["secret", "secret-and-more"])
        #expect(redactor.redact("x secret-and-more y") == "x [REDACTED] y")
    }
}
