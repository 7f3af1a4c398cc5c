/// One metric in the Prometheus text exposition format (0.0.4): `# HELP`, `# TYPE` and its samples, with
/// label values and help text escaped as the format requires (backslash, double quote, line feed).
///
/// ```swift
/// var jobs = MetricFamily("pfc_jobs_jobs", .gauge, help: "Jobs by local status.")
/// jobs.add(3, labels: ["status": "pending"])
/// print(jobs.text)   // # HELP pfc_jobs_jobs Jobs by local status.\n# TYPE pfc_jobs_jobs gauge\npfc_jobs_jobs{status="pending"} 3\n
/// ```
public struct MetricFamily: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case gauge, counter
    }

    /// The full name; a counter's ends in `_total`.
    public var name: String
    public var kind: Kind
    public var help: String
    /// Rendered sample lines, in the order added.
    public private(set) var samples: [String] = []

    public init(_ name: String, _ kind: Kind, help: String) {
        precondition(kind != .counter || name.hasSuffix("_total"), "a counter's name ends in _total: \(name)")
        self.name = name
        self.kind = kind
        self.help = help
    }

    /// Adds a sample; labels are written sorted by name, so the file is stable from run to run.
    public mutating func add(_ value: Double, labels: [String: String] = [:]) {
        add(Self.format(value), labels: labels)
    }

    public mutating func add(_ value: Int, labels: [String: String] = [:]) {
        add(String(value), labels: labels)
    }

    public mutating func add(_ value: Int64, labels: [String: String] = [:]) {
        add(String(value), labels: labels)
    }

    private mutating func add(_ value: String, labels: [String: String]) {
        let labelText = labels.isEmpty ? "" : "{" + labels.sorted { $0.key < $1.key }
            .map { "\($0.key)=\"\(Self.escapeLabel($0.value))\"" }.joined(separator: ",") + "}"
        samples.append("\(name)\(labelText) \(value)")
    }

    /// The family's lines; empty when it has no sample (a family without samples says nothing).
    public var text: String {
        guard !samples.isEmpty else { return "" }
        return "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(kind.rawValue)\n" + samples.joined(separator: "\n") + "\n"
    }

    /// Shortest exact decimal; whole numbers without a fraction; NaN and infinities as the format spells them.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func escapeLabel(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
