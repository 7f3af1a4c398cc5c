import Foundation
import OrderedJSON
#if canImport(Glibc)
import Glibc
#endif

/// A job's request metadata (the `batch_metadata` object): built here by ``submission(requests:model:convertToWebP:webpQuality:estimatedCostUSD:priceTableAsOf:)``
/// and read here, with the legacy checker's defaults: provider "gemini", quality "pro", aspect ratio "1:1",
/// image size "large", cost 0.0, no WebP, quality 85. One owner for the schema, so no caller repeats a default.
///
/// ```swift
/// let metadata = RequestMetadata.submission(requests: [request], model: "gemini-3-pro-image", convertToWebP: true,
///                                           webpQuality: 85, estimatedCostUSD: 0.0672, priceTableAsOf: "2026-12-01")
/// metadata.forRequest(key: "req_0").title   // the request's own title, for its sidecar
/// ```
public struct RequestMetadata: Sendable, Equatable {
    public var object: JSONObject

    public init(_ object: JSONObject = JSONObject()) { self.object = object }

    public static let defaultProvider = "gemini"
    public static let defaultQuality = "pro"
    public static let defaultAspectRatio = "1:1"
    /// What the old checker assumed when a legacy file named no size; `submit` records the size it asked for.
    public static let defaultImageSize = "large"
    public static let defaultWebPQuality = 85

    public var prompt: String? { object["prompt"]?.stringValue }
    public var title: String? { object["title"]?.stringValue }
    public var description: String? { object["description"]?.stringValue }
    public var alternativeText: String? { object["alternative_text"]?.stringValue }
    public var caption: String? { object["caption"]?.stringValue }
    public var provider: String { object["provider"]?.stringValue ?? Self.defaultProvider }
    public var quality: String { object["quality"]?.stringValue ?? Self.defaultQuality }
    public var aspectRatio: String { object["aspect_ratio"]?.stringValue ?? Self.defaultAspectRatio }
    public var imageSize: String { object["image_size"]?.stringValue ?? Self.defaultImageSize }
    public var model: String? { object["model"]?.stringValue }
    public var cost: JSONValue { object["cost"].flatMap { $0.numberValue == nil ? nil : $0 } ?? .number(JSONNumber(0.0)!) }
    public var convertToWebP: Bool { object["convert_to_webp"]?.boolValue ?? false }
    public var webpQuality: Int {
        object["webp_quality"]?.numberValue?.intValue.map { min(max($0, 0), 100) } ?? Self.defaultWebPQuality
    }
    public var referenceImagePaths: [String] {
        object["reference_image_paths"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
    /// The whole job's estimate recorded by `submit` (USD, batch prices); nil for legacy jobs and unknown models.
    public var estimatedCostUSD: Double? { object["estimated_cost_usd"]?.numberValue?.doubleValue }
    /// The whole job's cost from the results' token counts, once the checker has recorded it.
    public var actualCostUSD: Double? { object["actual_cost_usd"]?.numberValue?.doubleValue }
    /// Whether the request asked for Google Search grounding (priced per request).
    public var searchGrounding: Bool { object["search_grounding"]?.boolValue ?? false }

    /// The metadata one image's sidecars are written from: the job's object with the matching entry of
    /// `requests` laid over it (its own prompt, title, ..., cost). Legacy jobs have no entries and stay as they are.
    public func forRequest(key: String) -> RequestMetadata {
        guard let entry = object["requests"]?.arrayValue?.first(where: { $0["key"]?.stringValue == key })?.objectValue else {
            return self
        }
        var merged = object
        merged["requests"] = nil
        for (name, value) in entry.pairs where name != "key" { merged[name] = value }
        return RequestMetadata(merged)
    }

    /// The `batch_metadata` object `submit` writes: the old tool's keys from the first request (prompt, title,
    /// description, alternative_text, caption, provider, quality, aspect_ratio, image_size, reference_image_paths,
    /// cost, convert_to_webp, webp_quality), plus `model`, the estimate with the price table's date, and every
    /// request's own values under `requests`. `cost` is the whole job's estimate, as the old tool's one-image jobs had it.
    public static func submission(requests: [SubmittedRequest], model: String, convertToWebP: Bool, webpQuality: Int,
                                  estimatedCostUSD: Double?, priceTableAsOf: String?) -> RequestMetadata {
        var object = JSONObject()
        let first = requests.first
        object["prompt"] = JSONValue(first?.prompt ?? "")
        object["title"] = JSONValue(first?.title ?? "")
        object["description"] = JSONValue(first?.description ?? "")
        object["alternative_text"] = JSONValue(first?.alternativeText ?? "")
        object["caption"] = JSONValue(first?.caption ?? "")
        object["provider"] = JSONValue(defaultProvider)
        object["quality"] = JSONValue(first?.quality ?? defaultQuality)
        object["aspect_ratio"] = JSONValue(first?.aspectRatio ?? defaultAspectRatio)
        object["image_size"] = JSONValue(first?.imageSize ?? defaultImageSize)
        object["reference_image_paths"] = .array((first?.referenceImagePaths ?? []).map(JSONValue.string))
        object["cost"] = SubmittedRequest.usd(estimatedCostUSD)
        object["convert_to_webp"] = JSONValue(convertToWebP)
        object["webp_quality"] = JSONValue(webpQuality)
        object["model"] = JSONValue(model)
        object["estimated_cost_usd"] = SubmittedRequest.usd(estimatedCostUSD)
        object["price_table_as_of"] = JSONValue(priceTableAsOf)
        object["requests"] = .array(requests.map { .object($0.json) })
        return RequestMetadata(object)
    }

    /// Where the name of a batch's uploaded JSONL input (`files/...`) is recorded: `submit` writes it for a batch
    /// too large to go inline, before the upload starts; ``uploadedInputFile`` reads it back for `prune --remote`.
    public static let uploadedFileKey = "uploaded_file"

    /// This metadata with the name of the batch's uploaded input file.
    ///
    /// ```swift
    /// let recorded = plan.metadata.withUploadedFile("files/pfc-0f3a…")   // "uploaded_file": "files/pfc-0f3a…"
    /// ```
    public func withUploadedFile(_ name: String) -> RequestMetadata {
        var copy = object
        copy[Self.uploadedFileKey] = JSONValue(name)
        return RequestMetadata(copy)
    }

    /// `AI-generated image - 2026-02-07 21:00`, local time, as the old tool titled untitled images.
    public static func defaultTitle(at date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(format: "AI-generated image - %04d-%02d-%02d %02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min))
    }
}
