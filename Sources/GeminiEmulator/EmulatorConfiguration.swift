import Foundation

/// Everything that shapes how the emulator behaves. The defaults follow the real service (late 2026; README.md,
/// "The built-in emulator"); each older, simpler behaviour and each hostile answer is an
/// explicit option.
///
/// ```swift
/// var configuration = EmulatorConfiguration(apiKey: "test-key")
/// configuration.pollsUntilDone = 2
/// configuration.imageWidth = 64; configuration.imageHeight = 64
/// configuration.thoughts = false          // answers without thought parts, as before
/// let server = EmulatorServer(configuration: configuration)
/// let port = try await server.start()
/// ```
public struct EmulatorConfiguration: Sendable {
    /// IPv4 address to bind; loopback unless the caller explicitly wants otherwise.
    public var host: String = "127.0.0.1"
    /// 0 picks a free ephemeral port; `EmulatorServer.start()` returns the one bound.
    public var port: UInt16 = 0
    /// The only key accepted in `x-goog-api-key`. Any other key gets 400 INVALID_ARGUMENT with reason
    /// API_KEY_INVALID; no key gets 403 PERMISSION_DENIED.
    public var apiKey: String
    /// Keys answered 400 INVALID_ARGUMENT with reason API_KEY_EXPIRED (checked first, so the accepted key
    /// can be expired mid-run).
    public var expiredKeys: Set<String> = []
    /// Old behaviour: a wrong key gets 403 PERMISSION_DENIED like a missing one.
    public var legacyKeyErrors = false
    /// Old behaviour: any model id is accepted on create (unknown ids skip the per-model rules).
    /// Off, retired and unknown ids get 404 NOT_FOUND.
    public var acceptAnyModel = false

    /// GETs of a batch after which a pending batch reports RUNNING.
    public var pollsUntilRunning: Int? = 1
    /// GETs of a batch after which it reaches its terminal state.
    public var pollsUntilDone: Int? = 3
    /// Seconds after creation after which a batch reaches its terminal state (RUNNING at half of it).
    public var secondsUntilDone: Double? = nil

    /// Size of every generated final image unless a request or control asks otherwise (drafts are half).
    public var imageWidth: Int = 256
    public var imageHeight: Int = 256
    /// `.photo` for photograph-like content (grain), which costs far more to compress than the default.
    public var imageStyle: ImageStyle = .smooth
    /// Gemini 3 models (every `gemini-3*` id) answer thought text and draft images (`thought: true`) before
    /// the final image, which carries a `thoughtSignature`. False answers a text part and the image only.
    public var thoughts = true
    /// Draft images among the thought parts, 0...2 (`[emu:two-drafts]` asks for 2 per item).
    public var draftImages = 1

    /// Old behaviour: batches with more items than this get a JSONL responses file. nil (the default):
    /// inline input always gets inline output, however big, as on the real service.
    public var inlineItemLimit: Int? = nil
    /// Old behaviour: batches whose inline items would exceed this many bytes get a responses file. nil: none.
    public var inlineByteLimit: Int? = nil
    /// Every batch's output goes to a responses file (`[emu:responses-file]` does it for one batch).
    public var forceResponsesFile = false
    /// Failed items in responses files read `{"key","status":{...}}` instead of `{"key","error":{...}}`.
    public var statusFileLines = false
    /// Create requests above this size are refused with 400 INVALID_ARGUMENT, as the real service does.
    public var createRequestByteLimit: Int = 20 * 1024 * 1024

    /// GETs that report a finished batch SUCCEEDED (`done: true`) without its output yet; the
    /// `[emu:output-lag-N]` marker sets it per batch.
    public var outputLagPolls = 0
    /// Hostile: GETs of unfinished batches are padded to this many bytes (streamed); 0 is off.
    public var statusPaddingBytes = 0
    /// Hostile: every API request is accepted and held this long without an answer, then the connection is
    /// dropped; 0 is off. `[emu:hang]` does it for the GETs of one batch.
    public var hangMilliseconds = 0
    /// Hostile: the Nth chunk (1-based) of every resumable upload is cut once: the emulator keeps the first
    /// half of it (to the 256 KiB granularity), then drops the connection without an answer, as a connection
    /// lost mid-chunk leaves the real service; the client must ask (`query`) and resume. nil is off.
    public var dropUploadChunk: Int? = nil

    /// Added delay before answering any API request.
    public var latencyMilliseconds: Int = 0
    /// Probability (0...1) that an API request meets one of `faultKinds`.
    public var faultRate: Double = 0
    public var faultKinds: Set<FaultKind> = []
    /// Value of `Retry-After` (seconds) on injected 429 answers.
    public var retryAfterSeconds: Int = 1
    /// Seeds batch ids, fault decisions and image content: same seed, same run.
    public var seed: UInt64 = 1

    /// Where responses and items files live; nil means a fresh temporary folder removed by `stop()`.
    public var workDirectory: URL? = nil

    public init(apiKey: String) {
        self.apiKey = apiKey
    }
}
