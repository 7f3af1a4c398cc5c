import Foundation
import GeminiBatch
import PFCConfig

extension GeminiClientConfiguration {
    /// The client settings a configuration implies: base URL, transfers in flight, where answers stream to, the
    /// stall limit and the size allowed for an answer held in memory.
    ///
    /// ```swift
    /// let client = GeminiBatchClient(apiKey: APIKey(key), configuration: GeminiClientConfiguration(config: config))
    /// ```
    public init(config: Config) {
        self.init(baseURL: config.geminiAPIBaseURL)
        maxConcurrentTransfers = config.maxConcurrentRequests
        downloadDirectory = config.paths.downloadFolder
        lowSpeedTime = Double(config.apiStallSeconds)
        maxAnswerBytes = config.maxAnswerBytes
    }
}
