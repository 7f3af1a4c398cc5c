import Foundation

extension BatchRequest {
    /// Writes the requests as the JSONL input file of a batch created from a file: one line per request,
    /// `{"key":"req_0","request":{GenerateContentRequest}}`, the same request object an inline create sends.
    /// Reference images are base64'd from their bytes or files straight into the file, a chunk at a time, so
    /// memory does not grow with the batch. The file is a new ``TemporaryFile`` in `folder`, removed when the
    /// returned value goes (a killed process's is removed by the next run, see ``TemporaryFile/removeLeftovers(in:)``).
    ///
    /// ```swift
    /// let input = try BatchRequest.writeInputFile(plan.requests, in: paths.downloadFolder)
    /// let file = try await client.uploadFile(input.file.url, displayName: displayName)
    /// ```
    /// - Throws: `.invalidRequest` for an empty batch; `.fileSystem` naming the file that could not be written or
    ///   the image that could not be read (or changed since it was checked).
    public static func writeInputFile(_ requests: [BatchRequest], in folder: URL,
                                      responseModalities: [String] = ["TEXT", "IMAGE"]) throws(GeminiError)
        -> (file: TemporaryFile, byteCount: Int64)
    {
        guard !requests.isEmpty else { throw .invalidRequest("a batch needs at least one request") }
        let file = TemporaryFile.make(in: folder, kind: "upload")
        let writer = try BufferedFileWriter(creating: file.url)
        let newline = Data([0x0A])
        for request in requests {
            let placeholders = JSONTemplate.Placeholders()
            let line: [String: Any] = [
                "key": request.key,
                "request": request.generateContentRequest(responseModalities: responseModalities, placeholders: placeholders,
                                                          firstImage: 0),
            ]
            let template = try JSONTemplate(line, images: request.referenceImages, placeholders: placeholders)
            try template.render { piece throws(GeminiError) in try writer.write(piece) }
            try writer.write(newline)
        }
        try writer.close()
        return (file, writer.byteCount)
    }
}
