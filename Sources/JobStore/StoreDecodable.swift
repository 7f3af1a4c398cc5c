/// A Swift type read from a ``StoreValue`` (nil when the value cannot be one).
protocol StoreDecodable {
    init?(storeValue: StoreValue)
}

extension String: StoreDecodable {
    init?(storeValue: StoreValue) {
        switch storeValue {
        case .text(let value): self = value
        case .integer(let value): self = String(value)
        case .real(let value): self = "\(value)"
        case .null: return nil
        }
    }
}

extension Int64: StoreDecodable {
    init?(storeValue: StoreValue) {
        switch storeValue {
        case .integer(let value): self = value
        case .real(let value): self = Int64(value)
        case .text(let value): guard let parsed = Int64(value) else { return nil }; self = parsed
        case .null: return nil
        }
    }
}

extension Int: StoreDecodable {
    init?(storeValue: StoreValue) {
        guard let value = Int64(storeValue: storeValue) else { return nil }
        self = Int(value)
    }
}

extension Double: StoreDecodable {
    init?(storeValue: StoreValue) {
        switch storeValue {
        case .integer(let value): self = Double(value)
        case .real(let value): self = value
        case .text(let value): guard let parsed = Double(value) else { return nil }; self = parsed
        case .null: return nil
        }
    }
}

extension Bool: StoreDecodable {
    init?(storeValue: StoreValue) {
        guard let value = Int64(storeValue: storeValue) else { return nil }
        self = value != 0
    }
}

extension Timestamp: StoreDecodable {
    init?(storeValue: StoreValue) {
        guard let value = Int64(storeValue: storeValue) else { return nil }
        self.init(microsecondsSinceEpoch: value)
    }
}

extension JobStatus: StoreDecodable {
    init?(storeValue: StoreValue) { self.init(rawValue: String(storeValue: storeValue) ?? "") }
}

extension ImageState: StoreDecodable {
    init?(storeValue: StoreValue) { self.init(rawValue: String(storeValue: storeValue) ?? "") }
}

extension RunOutcome: StoreDecodable {
    init?(storeValue: StoreValue) { self.init(rawValue: String(storeValue: storeValue) ?? "") }
}

extension JobEventKind: StoreDecodable {
    init?(storeValue: StoreValue) {
        guard let word = String(storeValue: storeValue) else { return nil }
        self.init(rawValue: word)
    }
}
