import Foundation
import ModelCatalogue
import OrderedJSON

extension Config {
    /// The `prices` key: the built-in ``PriceTable/standard`` with the figures it gives laid over it. Either an
    /// object in the format below, or the path of a JSON file holding one (relative to the config's folder):
    ///
    /// ```json
    /// "prices": {"as_of": "2027-01-15", "batch_factor": 0.5,
    ///            "output_tokens_per_image": {"4K": 2000}, "input_tokens_per_reference_image": 560,
    ///            "models": {"gemini-3.1-flash-image": {"image_output_per_million": 60, "input_per_million": 0.5,
    ///                                                  "text_output_per_million": 3, "search_grounding_per_thousand": 14}}}
    /// ```
    /// Every key is optional and a model's fields are merged one by one, so one number can change alone.
    /// Prices are the interactive ones in USD per 1M tokens; `batch_factor` turns them into batch prices.
    static func prices(_ value: JSONValue?, file: URL, home: String) throws(ConfigError) -> PriceTable {
        guard let value, !value.isNull else { return .standard }
        switch value {
        case .object(let object):
            return try PriceOverride(path: file.path, prefix: "prices.").apply(object, to: .standard)
        case .string(let name):
            let expanded = PathExpansion.expandTilde(name, home: home)
            let url = URL(fileURLWithPath: expanded, relativeTo: file.deletingLastPathComponent()).standardizedFileURL
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw .missingFile(path: url.path, source: "\"prices\" in \(file.path)")
            }
            return try PriceOverride(path: url.path, prefix: "").apply(jsonObject(at: url), to: .standard)
        default:
            throw .wrongType(path: file.path, key: "prices", expected: "an object or the path of a prices JSON file",
                             found: value.typeName)
        }
    }
}

/// Reads a price override object; every error names the file and the full key (`prices.models.x.input_per_million`).
struct PriceOverride {
    let path: String
    let prefix: String

    func apply(_ object: JSONObject, to base: PriceTable) throws(ConfigError) -> PriceTable {
        var table = base
        if let value = try string(object, "as_of") { table.asOf = value }
        if let value = try string(object, "source") { table.source = value }
        if let value = try number(object, "batch_factor", in: 0...1) { table.batchFactor = value }
        if let value = try number(object, "input_tokens_per_reference_image", in: 0...1_000_000) {
            table.inputTokensPerReferenceImage = Int(value)
        }
        if let value = try number(object, "characters_per_text_token", in: 1...100) { table.charactersPerTextToken = value }
        if let sizes = try nested(object, "output_tokens_per_image") {
            let inner = PriceOverride(path: path, prefix: prefix + "output_tokens_per_image.")
            for (size, _) in sizes.pairs {
                if let tokens = try inner.number(sizes, size, in: 0...1_000_000) { table.outputTokensPerImage[size] = Int(tokens) }
            }
        }
        if let models = try nested(object, "models") {
            for (id, _) in models.pairs {
                let inner = PriceOverride(path: path, prefix: prefix + "models.\(id).")
                guard let fields = try PriceOverride(path: path, prefix: prefix + "models.").nested(models, id) else { continue }
                let bare = ModelCatalogue.bareID(id)
                var price = table.models[bare] ?? ModelPrice(inputPerMillion: 0, textOutputPerMillion: 0,
                                                             imageOutputPerMillion: 0, searchGroundingPerThousand: 0)
                let range = 0.0...1_000_000
                if let value = try inner.number(fields, "input_per_million", in: range) { price.inputPerMillion = value }
                if let value = try inner.number(fields, "text_output_per_million", in: range) { price.textOutputPerMillion = value }
                if let value = try inner.number(fields, "image_output_per_million", in: range) { price.imageOutputPerMillion = value }
                if let value = try inner.number(fields, "search_grounding_per_thousand", in: range) {
                    price.searchGroundingPerThousand = value
                }
                if let value = try inner.string(fields, "note") { price.note = value }
                table.models[bare] = price
            }
        }
        return table
    }

    /// The value at `key` as `extract` reads it; nil when absent or null, an error naming the key when of another type.
    private func typed<T>(_ object: JSONObject, _ key: String, _ expected: String,
                          _ extract: (JSONValue) -> T?) throws(ConfigError) -> T? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let typed = extract(value) else {
            throw .wrongType(path: path, key: prefix + key, expected: expected, found: value.typeName)
        }
        return typed
    }

    func string(_ object: JSONObject, _ key: String) throws(ConfigError) -> String? {
        try typed(object, key, "a string") { $0.stringValue }
    }

    func nested(_ object: JSONObject, _ key: String) throws(ConfigError) -> JSONObject? {
        try typed(object, key, "an object") { $0.objectValue }
    }

    func number(_ object: JSONObject, _ key: String, in range: ClosedRange<Double>) throws(ConfigError) -> Double? {
        guard let number = try typed(object, key, "a number", { $0.numberValue?.doubleValue }) else { return nil }
        guard range.contains(number) else {
            throw .outOfRange(path: path, key: prefix + key, value: String(number), allowed: "\(range.lowerBound)..\(range.upperBound)")
        }
        return number
    }
}
