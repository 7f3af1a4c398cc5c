import Foundation
import OrderedJSON

/// Writes a large responses file quickly: one real image response, repeated under distinct keys of equal
/// width, so every line is valid JSONL that a client can parse and decode.
enum SyntheticResponses {
    /// Returns the number of lines written; the file is at least `targetBytes` long.
    static func write(to url: URL, targetBytes: Int, width: Int, height: Int, seed: UInt64) throws -> Int {
        let item = BatchItem(key: "k", prompt: "synthetic responses file")
        guard case .response(let body) = try ItemResult.make(
            for: item, index: 0, outcomes: [], model: "models/gemini-2.5-flash-image",
            seed: seed, width: width, height: height) else {
            throw EmulatorError.ioFailure("could not render the synthetic response")
        }
        let tail = body.serializedData()
        let writer = try JSONLinesWriter(url: url)
        var written = 0
        var lines = 0
        repeat {
            lines += 1
            var line = Data("{\"key\":\"item-\(String(format: "%010d", lines))\",\"response\":".utf8)
            line.append(tail)
            line.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
            try writer.writeRaw(line)
            written += line.count
        } while written < targetBytes
        try writer.close()
        return lines
    }
}
