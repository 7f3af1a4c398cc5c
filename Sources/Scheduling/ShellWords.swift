/// POSIX `sh` quoting for the command part of a scheduled entry, and the inverse split used
/// to read an installed entry back.
///
/// ```swift
/// ShellWords.quote("/home/a b/pfc-jobs")          // "'/home/a b/pfc-jobs'"
/// ShellWords.split("'/home/a b/pfc-jobs' check")  // ["/home/a b/pfc-jobs", "check"]
/// ```
public enum ShellWords {
    private static let safeCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:,@=")

    /// `word` unchanged when it needs no quoting, else single-quoted (`'` becomes `'\''`).
    public static func quote(_ word: String) -> String {
        if !word.isEmpty && word.allSatisfy(safeCharacters.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Splits a command line the way `sh` would for words without expansions: single quotes,
    /// double quotes (with `\"`, `\\`, `\$`, `` \` `` escapes) and backslash escapes. Returns nil
    /// for an unterminated quote.
    public static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = Array(line).makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let inner = iterator.next() {
                    if inner == "'" { closed = true; break }
                    current.append(inner)
                }
                if !closed { return nil }
            case "\"":
                inWord = true
                var closed = false
                while let inner = iterator.next() {
                    if inner == "\"" { closed = true; break }
                    if inner == "\\" {
                        guard let escaped = iterator.next() else { return nil }
                        if !"\"\\$`".contains(escaped) { current.append("\\") }
                        current.append(escaped)
                    } else {
                        current.append(inner)
                    }
                }
                if !closed { return nil }
            case "\\":
                inWord = true
                if let escaped = iterator.next() { current.append(escaped) }
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
