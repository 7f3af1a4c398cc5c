extension JSONValue {
    public init(_ string: String) { self = .string(string) }
    public init(_ bool: Bool) { self = .bool(bool) }
    public init(_ int: Int) { self = .number(JSONNumber(int)) }
    public init(_ int: Int64) { self = .number(JSONNumber(int)) }
    /// A non-finite double becomes `null`, the only JSON it can be.
    public init(_ double: Double) {
        if let number = JSONNumber(double) { self = .number(number) } else { self = .null }
    }
    /// `nil` becomes `null`.
    public init(_ string: String?) { self = string.map(JSONValue.string) ?? .null }

    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var numberValue: JSONNumber? { if case .number(let n) = self { return n }; return nil }
    public var isNull: Bool { self == .null }

    /// The JSON type's name, for error messages ("expected a number, found a string").
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Object member access; `nil` for a missing key or a non-object value.
    public subscript(key: String) -> JSONValue? {
        get { objectValue?[key] }
        set {
            guard var object = objectValue else { return }
            object[key] = newValue
            self = .object(object)
        }
    }
}
