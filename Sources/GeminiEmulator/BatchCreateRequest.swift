import Foundation

/// A parsed `batchGenerateContent` body. Accepts the SDK's camelCase and the docs' snake_case spellings.
struct BatchCreateRequest {
    var displayName: String?
    var items: [BatchItem]

    init(body: Data) throws(EmulatorError) {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: body)
        } catch {
            throw .invalidArgument("Invalid JSON payload received: the body is not JSON.")
        }
        guard let object = root as? [String: Any], let batch = object["batch"] as? [String: Any] else {
            throw .invalidArgument("Invalid JSON payload received: missing object field \"batch\".")
        }
        displayName = Self.field(batch, "displayName", "display_name") as? String
        guard let input = Self.field(batch, "inputConfig", "input_config") as? [String: Any] else {
            throw .invalidArgument("batch.input_config is required.")
        }
        if Self.field(input, "fileName", "file_name") != nil {
            throw .invalidArgument("batch.input_config.file_name: file input is not supported by the emulator; send inline requests.")
        }
        guard let requestsWrapper = input["requests"] as? [String: Any],
              let requests = requestsWrapper["requests"] as? [Any] else {
            throw .invalidArgument("batch.input_config.requests.requests is required.")
        }
        guard !requests.isEmpty else {
            throw .invalidArgument("batch.input_config.requests.requests must not be empty.")
        }
        items = try requests.enumerated().map { (index, element) throws(EmulatorError) in
            try Self.item(element, index: index)
        }
    }

    private static func item(_ element: Any, index: Int) throws(EmulatorError) -> BatchItem {
        let path = "batch.input_config.requests.requests[\(index)]"
        guard let wrapper = element as? [String: Any], let request = wrapper["request"] as? [String: Any] else {
            throw .invalidArgument("\(path).request is required.")
        }
        guard let contents = request["contents"] as? [Any], !contents.isEmpty else {
            throw .invalidArgument("\(path).request.contents is required.")
        }
        var texts: [String] = []
        for content in contents {
            guard let parts = (content as? [String: Any])?["parts"] as? [Any] else { continue }
            for part in parts {
                if let text = (part as? [String: Any])?["text"] as? String { texts.append(text) }
            }
        }
        var metadata: [(String, String)] = []
        if let given = wrapper["metadata"] as? [String: Any] {
            for name in given.keys.sorted() {
                guard let value = given[name] as? String else {
                    throw .invalidArgument("\(path).metadata.\(name) must be a string.")
                }
                metadata.append((name, value))
            }
        }
        let key = metadata.first { $0.0 == "key" }?.1
        return BatchItem(key: key, metadata: metadata, prompt: texts.joined(separator: "\n"))
    }

    private static func field(_ object: [String: Any], _ camel: String, _ snake: String) -> Any? {
        object[camel] ?? object[snake]
    }
}
