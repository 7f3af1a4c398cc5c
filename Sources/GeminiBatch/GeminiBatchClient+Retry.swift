import Foundation
import Logging

extension GeminiBatchClient {
    /// What a create must not do after its request may have reached the server: retry blindly.
    enum Idempotency {
        case idempotent
        case create(displayName: String)
    }

    /// Sends `transfer` until it yields a 2xx, a non-retryable failure, or the retry budget runs out.
    /// With `returningRedirects`, a 3xx carrying a `Location` is handed back for the caller to follow.
    func send(_ transfer: HTTPTransfer, idempotency: Idempotency = .idempotent,
              returningRedirects: Bool = false) async throws(GeminiError) -> HTTPResponse {
        let policy = configuration.retryPolicy
        let clock = ContinuousClock()
        let start = clock.now
        var generator = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { throw .cancelled }
            let outcome = await pool.perform(transfer, settings: settings)
            let failure: GeminiError
            let retryable: Bool
            var serverHint: Double?
            let mayHaveReachedServer: Bool
            switch outcome {
            case .success(let response) where (200..<300).contains(response.status)
                || (returningRedirects && (300..<400).contains(response.status) && response.headers["location"] != nil):
                logger?.debug("\(transfer.method.rawValue) \(transfer.loggablePath) -> \(response.status) (attempt \(attempt))")
                return response
            case .success(let response):
                let status = rpcStatus(of: response)
                failure = response.status == 404 ? .notFound(status) : .api(httpStatus: response.status, status: status)
                retryable = Self.retryableHTTPStatuses.contains(response.status)
                serverHint = retryAfterSeconds(response.headers["retry-after"]) ?? status.retryDelay
                // A 429 is a refusal before any work; a 5xx may come after the batch was made.
                mayHaveReachedServer = response.status >= 500
                logger?.debug("\(transfer.method.rawValue) \(transfer.loggablePath) -> \(response.status) (attempt \(attempt))")
            case .failure(let transportFailure):
                failure = classify(transportFailure, limit: transfer.maxBodyBytes)
                retryable = !transportFailure.tooLarge && [7, 18, 28, 52, 55, 56].contains(transportFailure.curlCode)
                mayHaveReachedServer = transportFailure.requestSent
                logger?.debug("\(transfer.method.rawValue) \(transfer.loggablePath) failed: \(failure) (attempt \(attempt))")
            }
            if case .create(let displayName) = idempotency, mayHaveReachedServer {
                throw .createOutcomeUnknown(displayName: displayName, underlying: failure)
            }
            guard retryable else { throw failure }
            // With retries disabled (maxAttempts 1) the failure itself is the answer.
            guard policy.maxAttempts > 1 else { throw failure }
            guard attempt < policy.maxAttempts else { throw .retryBudgetExhausted(attempts: attempt, last: failure) }
            let delay = policy.delay(beforeRetry: attempt, serverHint: serverHint, using: &generator)
            let elapsed = start.duration(to: clock.now)
            if seconds(of: elapsed) + delay > policy.maxTotal {
                throw .retryBudgetExhausted(attempts: attempt, last: failure)
            }
            logger?.info("retrying \(transfer.method.rawValue) \(transfer.loggablePath) in \(String(format: "%.3f", delay)) s after: \(failure)")
            do {
                try await Task.sleep(for: .milliseconds(Int64((delay * 1000).rounded())))
            } catch {
                throw .cancelled
            }
        }
    }

    /// The codes Google's own SDK retries.
    static let retryableHTTPStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    func classify(_ failure: TransferFailure, limit: Int64 = .max) -> GeminiError {
        if failure.tooLarge { return .answerTooLarge(limit: Int(clamping: limit)) }
        let message = cleaner.clean(failure.message)
        switch failure.curlCode {
        case 28: return .timeout(message)
        case 18: return .truncatedBody(message)
        default: return .transport(curlCode: failure.curlCode, message: message)
        }
    }

    /// The `google.rpc.Status` of an error answer, or one made from the HTTP status when the body has none.
    func rpcStatus(of response: HTTPResponse) -> RPCStatus {
        let status = BatchParser.rpcStatus(fromErrorBody: response.body)
            ?? RPCStatus(code: response.status, status: "", message: "HTTP \(response.status) with no error body")
        return cleaner.clean(status)
    }

    /// `Retry-After` in seconds; the HTTP-date form is read too.
    func retryAfterSeconds(_ value: String?) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }

    private func seconds(of duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
