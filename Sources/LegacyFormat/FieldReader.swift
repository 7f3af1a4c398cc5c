import OrderedJSON

/// Typed reads of one legacy entry's fields; errors name the file, entry and field.
/// `null` counts as absent, as the legacy writer used it for "not yet".
struct FieldReader {
    let fields: JSONObject
    let file: String
    let entry: String

    func string(_ field: String) throws(LegacyFormatError) -> String? {
        guard let value = present(field) else { return nil }
        guard let string = value.stringValue else { throw wrongType(field, "a string", value) }
        return string
    }

    func bool(_ field: String) throws(LegacyFormatError) -> Bool? {
        guard let value = present(field) else { return nil }
        guard let bool = value.boolValue else { throw wrongType(field, "true or false", value) }
        return bool
    }

    func count(_ field: String) throws(LegacyFormatError) -> Int? {
        guard let value = present(field) else { return nil }
        guard let int = value.numberValue?.intValue, int >= 0 else { throw wrongType(field, "a whole number >= 0", value) }
        return int
    }

    func time(_ field: String) throws(LegacyFormatError) -> Int64? {
        guard let text = try string(field) else { return nil }
        guard let micros = LegacyTime.parse(text) else {
            throw .invalidTime(file: file, entry: entry, field: field, value: text)
        }
        return micros
    }

    private func present(_ field: String) -> JSONValue? {
        guard let value = fields[field], !value.isNull else { return nil }
        return value
    }

    private func wrongType(_ field: String, _ expected: String, _ value: JSONValue) -> LegacyFormatError {
        let found: String = switch value {
        case .string(let s): LegacyFormatError.quoted(s)
        case .number(let n): n.literal
        case .bool(let b): String(b)
        default: value.typeName
        }
        return .wrongFieldType(file: file, entry: entry, field: field, expected: expected, found: found)
    }
}
