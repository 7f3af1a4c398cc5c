import Foundation
import ModelCatalogue
import OrderedJSON

/// The settings of one pfc-jobs installation: the legacy `config.json` keys plus pfc-jobs' own.
///
/// Unknown keys are ignored (other tools share the file); a known key with a wrong type or an
/// out-of-range value is a ``ConfigError`` naming the key and the file.
///
/// ```swift
/// let config = try Config.load(explicitPath: configPath, environment: ProcessInfo.processInfo.environment)
/// print(config.paths.trackingFile.path)
/// ```
public struct Config: Sendable, Equatable {
    /// The file the settings came from; `nil` when the built-in defaults are used.
    public var sourceFile: URL?

    // Legacy keys.
    public var imagesRoot: URL
    public var originalSubdir: String
    public var webpSubdir: String
    public var metadataSubdir: String
    public var jsonSubdir: String
    public var batchCheckEnabled: Bool
    public var batchCheckIntervalMinutes: Int
    public var apiDelaySeconds: Double
    public var debug: Bool

    // pfc-jobs keys.
    /// `jobs_database`: the SQLite file, or a `postgresql://` server URL (``DatabaseLocation``); default
    /// `<images root>/<metadata_subdir>/jobs.sqlite3`.
    public var jobsDatabase: URL?
    /// `gemini_api_base_url`; the environment's `GEMINI_API_BASE_URL` wins over it.
    public var geminiAPIBaseURL: String
    /// `lease_seconds`: how long a check run holds a claimed job before another run may take it.
    public var leaseSeconds: Int
    /// `max_attempts`: transient failures of one job before it is marked failed.
    public var maxAttempts: Int
    /// `backoff_base_seconds`: the first retry delay; it doubles with each attempt.
    public var backoffBaseSeconds: Int
    /// `poll_interval_seconds`: when a running batch is looked at again by the checker.
    public var pollIntervalSeconds: Int
    /// `claim_batch_size`: jobs one run claims at a time.
    public var claimBatchSize: Int
    /// `max_concurrent_requests`: status calls in flight at once.
    public var maxConcurrentRequests: Int
    /// `default_model`: the model `submit` uses without `--model` or `--quality` (see ``defaultModelProblem``).
    public var defaultModel: String
    /// `prices`: what images cost (``PriceTable/standard`` with the config's overrides), for submit's estimate
    /// and the actual cost from each result's token counts.
    public var prices: PriceTable = .standard
    /// `give_up_after_hours`: transient errors fail a job only once it has used `max_attempts` AND was submitted
    /// this long ago; a batch lives up to 48 hours, so the default leaves a margin of two.
    public var giveUpAfterHours: Int = 50
    /// `max_backoff_seconds`: the longest wait after a transient error; nil = two poll intervals, so a job is
    /// looked at again soon after an outage ends.
    public var maxBackoffSeconds: Int? = nil
    /// `api_stall_seconds`: an answer that sends nothing for this long is given up (a low-speed limit, not a
    /// total one: a finished batch can be gigabytes).
    public var apiStallSeconds: Int = 30
    /// `max_answer_bytes`: the largest API answer held in memory (a status, a list page, one item without its
    /// images); a larger one is a transient error of that job.
    public var maxAnswerBytes: Int = 8 << 20
    /// `remote_cleanup_after_days`: when set, each `check` run deletes on the API the batches (and uploaded input
    /// files) of jobs that finished at least this many days ago, as `prune --remote` does; nil (the default) = off.
    public var remoteCleanupAfterDays: Int? = nil

    /// `gallery_enabled`: after a `check` that retrieved images, the gallery page (`<images root>/gallery/`) is
    /// brought up to date (only new cards are rendered).
    public var galleryEnabled: Bool = true
    /// `metrics_file`: the Prometheus textfile each `check` run writes (for node_exporter's textfile collector;
    /// the name must end in `.prom`); nil (the default) = no file.
    public var metricsFile: URL? = nil

    /// The gallery's folder: `gallery` under the images root (`pfc-jobs gallery --out` names another).
    public var galleryFolder: URL { imagesRoot.appendingPathComponent("gallery", isDirectory: true) }

    public static let defaultImagesRoot = "~/Pictures/ai-generated-images"
    public static let defaultAPIBaseURL = "https://generativelanguage.googleapis.com"
    public static let intervalRange = 5...1440

    /// The built-in defaults, with `~` expanded against `home`.
    public static func defaults(home: String) -> Config {
        Config(
            sourceFile: nil,
            imagesRoot: URL(fileURLWithPath: PathExpansion.expandTilde(defaultImagesRoot, home: home)),
            originalSubdir: "original", webpSubdir: "webp", metadataSubdir: "metadata", jsonSubdir: "json",
            batchCheckEnabled: true, batchCheckIntervalMinutes: 30, apiDelaySeconds: 3, debug: false,
            jobsDatabase: nil, geminiAPIBaseURL: defaultAPIBaseURL,
            leaseSeconds: 600, maxAttempts: 8, backoffBaseSeconds: 60, pollIntervalSeconds: 300,
            claimBatchSize: 50, maxConcurrentRequests: 4, defaultModel: ModelCatalogue.defaultModelID
        )
    }

    /// The folders and files derived from the settings.
    public var paths: RootLayout { RootLayout(config: self) }

    /// `default_model` names a model the service shut down: the error naming the file, the key and the
    /// replacement. Not thrown on load, so that `check` (which never uses the key) keeps retrieving from cron;
    /// `submit` refuses to use it and `doctor` fails its config check with it.
    ///
    /// ```swift
    /// if let problem = config.defaultModelProblem { throw problem }   // …: "default_model": gemini-3-pro-image-preview was shut down …
    /// ```
    public var defaultModelProblem: ConfigError? {
        guard case .retired(let gone) = ModelCatalogue.lookup(defaultModel) else { return nil }
        return .retiredModel(path: sourceFile?.path ?? "the built-in defaults", key: "default_model", notice: gone.notice)
    }
}
