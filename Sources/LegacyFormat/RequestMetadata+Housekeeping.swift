import OrderedJSON

// The request-metadata fields the housekeeping commands read and write (`prune --remote`, `resubmit`), kept
// here with the rest of the schema.
extension RequestMetadata {
    /// The key of the job a resubmission came from. Written into the new job's metadata before its
    /// submit intent is recorded, so the link exists exactly when the job does; `JobStore.followUps(of:)`
    /// finds the other direction by it (an index of migration 0004 names the same path).
    public static let resubmittedFromKey = "resubmitted_from"

    /// The job this one was resubmitted from, or nil.
    public var resubmittedFrom: String? { object[Self.resubmittedFromKey]?.stringValue }

    /// The uploaded input file (`files/...`) of a batch created from a file, when the job records one: a
    /// string or an object with a `name` under `uploaded_file` or `input_file`. `prune --remote` deletes it
    /// with the batch.
    public var uploadedInputFile: String? {
        for key in ["uploaded_file", "input_file"] {
            guard let value = object[key] else { continue }
            if let name = value.stringValue ?? value["name"]?.stringValue, !name.isEmpty { return name }
        }
        return nil
    }

    /// The entries of `requests` (one per request `submit` sent, with its key), in batch order; empty for
    /// a legacy job, whose one prompt is the top-level `prompt`.
    public var requestEntries: [JSONObject] {
        object["requests"]?.arrayValue?.compactMap(\.objectValue) ?? []
    }

    /// The metadata of a resubmission: `resubmitted_from` set and, since a resubmission may carry only some
    /// of the original requests, each entry of `requests` given the original's key (in order), so
    /// `req_3` of the original is `req_3` of the follow-up and its image is named after it.
    ///
    /// ```swift
    /// plan.metadata = plan.metadata.resubmission(of: "batches/abc", keys: ["req_1", "req_3"])
    /// ```
    public func resubmission(of original: String, keys: [String]) -> RequestMetadata {
        var copy = object
        if var entries = copy["requests"]?.arrayValue {
            for (index, key) in keys.enumerated() where index < entries.count {
                guard var entry = entries[index].objectValue else { continue }
                entry["key"] = JSONValue(key)
                entries[index] = .object(entry)
            }
            copy["requests"] = .array(entries)
        }
        copy[Self.resubmittedFromKey] = JSONValue(original)
        return RequestMetadata(copy)
    }
}
