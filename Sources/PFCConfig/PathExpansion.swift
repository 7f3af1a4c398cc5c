/// `~` expansion as a shell does it for the user's own home (`~user` forms are left alone).
public enum PathExpansion {
    public static func expandTilde(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }
}
