import Foundation

extension BatchCreateRequest {
    /// The requests of a batch created from an uploaded JSONL file: one `{"key": ..., "request": {...}}` per line
    /// (blank lines skipped), each checked with the same rules as an inline request and its reference images
    /// digested the same way, so tests compare what arrived through either path alike. Read a line at a time.
    /// - Throws: `.invalidArgument` naming the line when one is not such an object or breaks a rule.
    static func items(fromJSONLines url: URL, model: EmulatedModel?) throws(EmulatorError) -> [BatchItem] {
        var items: [BatchItem] = []
        var lineNumber = 0
        do {
            try JSONLinesReader.forEachLine(of: url) { line in
                lineNumber += 1
                guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return }
                let path = "input file line \(lineNumber)"
                let (small, blobs) = InlineDataBlobs.lift(from: line)
                guard let object = (try? JSONSerialization.jsonObject(with: small)) as? [String: Any] else {
                    throw EmulatorError.invalidArgument("\(path): not a JSON object.")
                }
                if let key = object["key"], !(key is String) {
                    throw EmulatorError.invalidArgument("\(path).key must be a string.")
                }
                items.append(try item(object, path: path, model: model, lineKey: object["key"] as? String, blobs: blobs))
            }
        } catch let error as EmulatorError {
            throw error
        } catch {
            throw .ioFailure("the input file could not be read: \(error)")
        }
        guard !items.isEmpty else { throw .invalidArgument("batch.input_config.file_name: the file holds no requests.") }
        return items
    }
}
