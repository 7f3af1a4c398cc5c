import OrderedJSON
import PFCConfig

/// The config.json `init` writes: the keys of config.json.example in the same order, with the
/// user's images root, interval and enable flag.
///
/// ```swift
/// let object = ConfigTemplate.object(imagesRoot: "~/Pictures/ai-generated-images", intervalMinutes: 30, enabled: true)
/// let bytes = JSONValue.object(object).serializedBytes(style: .pretty)
/// ```
public enum ConfigTemplate {
    public static func object(imagesRoot: String, intervalMinutes: Int, enabled: Bool) -> JSONObject {
        let defaults = Config.defaults(home: "~")
        let root = imagesRoot.hasSuffix("/") && imagesRoot.count > 1 ? String(imagesRoot.dropLast()) : imagesRoot
        return JSONObject([
            ("generated_images_path", JSONValue(root)),
            ("original_subdir", JSONValue(defaults.originalSubdir)),
            ("webp_subdir", JSONValue(defaults.webpSubdir)),
            ("metadata_subdir", JSONValue(defaults.metadataSubdir)),
            ("json_subdir", JSONValue(defaults.jsonSubdir)),
            ("batch_check_enabled", JSONValue(enabled)),
            ("batch_check_interval_minutes", JSONValue(intervalMinutes)),
            ("api_delay_seconds", JSONValue(Int(defaults.apiDelaySeconds))),
            ("debug", JSONValue(defaults.debug)),
            ("jobs_database", JSONValue("\(root)/\(defaults.metadataSubdir)/jobs.sqlite3")),
            ("gemini_api_base_url", JSONValue(Config.defaultAPIBaseURL)),
            ("default_model", JSONValue(defaults.defaultModel)),
            ("lease_seconds", JSONValue(defaults.leaseSeconds)),
            ("max_attempts", JSONValue(defaults.maxAttempts)),
            ("backoff_base_seconds", JSONValue(defaults.backoffBaseSeconds)),
            ("poll_interval_seconds", JSONValue(defaults.pollIntervalSeconds)),
            ("claim_batch_size", JSONValue(defaults.claimBatchSize)),
            ("max_concurrent_requests", JSONValue(defaults.maxConcurrentRequests)),
            ("give_up_after_hours", JSONValue(defaults.giveUpAfterHours)),
            ("api_stall_seconds", JSONValue(defaults.apiStallSeconds)),
            ("max_answer_bytes", JSONValue(defaults.maxAnswerBytes)),
            ("gallery_enabled", JSONValue(defaults.galleryEnabled)),
        ])
    }
}
