import Foundation

/// Finds the Gemini API key: `GEMINI_API_KEY` in the environment, else a `.env` file beside the
/// config file, else one in the current folder. Cron passes no environment, so `.env` is how a
/// scheduled run gets the key.
///
/// ```swift
/// guard let key = APIKeyLocator.find(environment: env, configFile: config.sourceFile, currentDirectory: cwd) else { return }
/// ```
public enum APIKeyLocator {
    public static let variableName = "GEMINI_API_KEY"

    public static func find(environment: [String: String], configFile: URL?, currentDirectory: String) -> String? {
        if let key = environment[variableName]?.trimmingCharacters(in: .whitespaces), !key.isEmpty { return key }
        var candidates: [URL] = []
        if let configFile { candidates.append(configFile.deletingLastPathComponent().appendingPathComponent(".env")) }
        candidates.append(URL(fileURLWithPath: currentDirectory).appendingPathComponent(".env"))
        for file in candidates {
            if let text = try? String(contentsOf: file, encoding: .utf8),
               let key = DotEnv.parse(text)[variableName], !key.isEmpty {
                return key
            }
        }
        return nil
    }
}

/// The `.env` format the legacy tools used: `NAME=value` lines, `#` comments, optional `export `
/// and optional single or double quotes around the value.
public enum DotEnv {
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            } else if let hash = value.range(of: " #") {
                value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            values[name] = value
        }
        return values
    }
}
