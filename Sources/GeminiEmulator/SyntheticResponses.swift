import Foundation
import OrderedJSON

/// Writes a large responses file quickly: one real image response, repeated under distinct keys of equal
/// width, so every line is valid JSONL that a client can parse and decode.
enum SyntheticResponses {
    /// Returns the number of lines written; the file is at least `targetBytes` long.
    static func write(to url: URL, targetBytes: Int, context: RenderContext) throws -> Int {
        let prompt = "synthetic responses file"
        let item = BatchItem(key: "k", prompt: prompt)
        guard case .response(let body) = try ItemRenderer.render(item, index: 0, outcomes: [],
                                                                 parameters: PromptParameters(prompt: prompt),
                                                                 context: context).result else {
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
