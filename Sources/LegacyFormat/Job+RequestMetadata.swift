import JobStore
import OrderedJSON

extension Job {
    /// The job's request metadata, typed; an empty object when none was stored or it does not parse.
    ///
    /// ```swift
    /// if job.requestMetadata.convertToWebP { /* ... */ }
    /// ```
    public var requestMetadata: RequestMetadata {
        guard let text = requestMetadataJSON, let object = (try? JSONValue.parse(text))?.objectValue else {
            return RequestMetadata()
        }
        return RequestMetadata(object)
    }
}

extension RequestMetadata {
    /// Each request's own prompt by key: `submit` stores them under `requests`; the legacy files have one
    /// `prompt` for the whole job.
    public var promptsByKey: [String: String] {
        var prompts: [String: String] = [:]
        for entry in object["requests"]?.arrayValue ?? [] {
            if let key = entry["key"]?.stringValue, let prompt = entry["prompt"]?.stringValue { prompts[key] = prompt }
        }
        return prompts
    }
}
