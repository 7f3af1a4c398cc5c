import Foundation
import PFCConfig
import Scheduling

/// Asks for the settings `init` was not given on the command line, showing the default in
/// brackets; an empty answer takes it. Bad answers are asked again a few times, then refused.
///
/// ```swift
/// let prompter = InitPrompter.terminal()   // stdout + stdin; nil answers at end of input
/// var request = InitRequest(configFile: file)
/// try prompter.complete(&request)
/// ```
public struct InitPrompter: Sendable {
    /// Shows a question and returns the answer line (nil at end of input).
    public let ask: @Sendable (String) -> String?

    public init(ask: @escaping @Sendable (String) -> String?) { self.ask = ask }

    /// Questions on standard output, answers from standard input.
    public static func terminal() -> InitPrompter {
        InitPrompter { question in
            FileHandle.standardOutput.write(Data(question.utf8))
            return readLine(strippingNewline: true)
        }
    }

    static let attempts = 3

    /// Fills in the images root, interval and enable flag the request lacks.
    public func complete(_ request: inout InitRequest) throws(SetupError) {
        if request.imagesRoot == nil {
            let answer = ask("Images folder [\(Config.defaultImagesRoot)]: ")?.trimmingCharacters(in: .whitespaces) ?? ""
            request.imagesRoot = answer.isEmpty ? Config.defaultImagesRoot : answer
        }
        if request.intervalMinutes == nil {
            request.intervalMinutes = try askRepeatedly("Minutes between checks, \(SchedulePlan.validIntervals.lowerBound)-\(SchedulePlan.validIntervals.upperBound) [30]: ",
                                                        field: "interval", allowed: "a whole number of minutes, \(SchedulePlan.validIntervals)") { text in
                guard let minutes = Int(text.isEmpty ? "30" : text), SchedulePlan.validIntervals.contains(minutes) else { return nil }
                return minutes
            }
        }
        if request.enabled == nil {
            request.enabled = try askRepeatedly("Check for finished batches automatically (cron)? [Y/n]: ",
                                                field: "enable", allowed: "y or n") { text in
                switch text.lowercased() {
                case "", "y", "yes": true
                case "n", "no": false
                default: nil
                }
            }
        }
    }

    private func askRepeatedly<T>(_ question: String, field: String, allowed: String,
                                  parse: (String) -> T?) throws(SetupError) -> T {
        var last = ""
        for _ in 0..<Self.attempts {
            guard let answer = ask(question) else { break }
            last = answer.trimmingCharacters(in: .whitespaces)
            if let value = parse(last) { return value }
            FileHandle.standardOutput.write(Data("  please answer \(allowed)\n".utf8))
        }
        throw .invalidAnswer(field: field, value: last, allowed: allowed)
    }
}
