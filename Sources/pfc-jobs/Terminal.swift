import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the command's output is connected to: progress lines only go to a person at a terminal,
/// never into a pipe or a cron mail.
enum Terminal {
    nonisolated static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes a transient status line on stderr (overwritten by the next one) when stderr is a terminal.
    nonisolated static func progress(_ text: String) {
        guard standardErrorIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// A `pfc-jobs: warning: …` line on stderr: something to know that does not fail the command.
    nonisolated static func warning(_ text: String) {
        FileHandle.standardError.write(Data("pfc-jobs: warning: \(text)\n".utf8))
    }

    /// Clears the progress line.
    nonisolated static func endProgress() {
        guard standardErrorIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
