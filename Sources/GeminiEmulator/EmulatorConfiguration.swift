import Foundation

/// Everything that shapes how the emulator behaves; every field has a default that suits tests.
///
/// ```swift
/// var configuration = EmulatorConfiguration(apiKey: "test-key")
/// configuration.pollsUntilDone = 2
/// configuration.imageWidth = 64; configuration.imageHeight = 64
/// let server = EmulatorServer(configuration: configuration)
/// let port = try await server.start()
/// ```
public struct EmulatorConfiguration: Sendable {
    /// IPv4 address to bind; loopback unless the caller explicitly wants otherwise.
    public var host: String = "127.0.0.1"
    /// 0 picks a free ephemeral port; `EmulatorServer.start()` returns the one bound.
    public var port: UInt16 = 0
    /// The only key accepted in `x-goog-api-key`.
    public var apiKey: String

    /// GETs of a batch after which a pending batch reports RUNNING.
    public var pollsUntilRunning: Int? = 1
    /// GETs of a batch after which it reaches its terminal state.
    public var pollsUntilDone: Int? = 3
    /// Seconds after creation after which a batch reaches its terminal state (RUNNING at half of it).
    public var secondsUntilDone: Double? = nil

    /// Size of every generated image unless a request or control asks otherwise.
    public var imageWidth: Int = 256
    public var imageHeight: Int = 256
    /// `.photo` for photograph-like content (grain), which costs far more to compress than the default.
    public var imageStyle: ImageStyle = .smooth
    /// Batches with more items than this get a JSONL responses file instead of inline output.
    public var inlineItemLimit: Int = 20
    /// Batches whose inline output would exceed this many bytes get a responses file as well.
    public var inlineByteLimit: Int = 8 * 1024 * 1024
    /// Create requests above this size are refused with 400 INVALID_ARGUMENT, as the real service does.
    public var createRequestByteLimit: Int = 20 * 1024 * 1024

    /// Added delay before answering any API request.
    public var latencyMilliseconds: Int = 0
    /// Probability (0...1) that an API request meets one of `faultKinds`.
    public var faultRate: Double = 0
    public var faultKinds: Set<FaultKind> = []
    /// Value of `Retry-After` (seconds) on injected 429 answers.
    public var retryAfterSeconds: Int = 1
    /// Seeds batch ids, fault decisions and image content: same seed, same run.
    public var seed: UInt64 = 1

    /// Where responses files live; nil means a fresh temporary folder removed by `stop()`.
    public var workDirectory: URL? = nil

    public init(apiKey: String) {
        self.apiKey = apiKey
    }
}
