import Foundation
import GeminiBatch
import ModelCatalogue
import PFCConfig

extension Doctor {
    /// How long the online checks may take: one quick retry of a dropped connection or a 503, no more.
    static let onlineRetryPolicy = RetryPolicy(maxAttempts: 2, baseDelay: 0.5, maxDelay: 2, maxTotal: 15)

    /// Only the online checks, for `init` once a key is in place; nil when the config cannot be read or no key
    /// is found (then there is nothing to try).
    ///
    /// ```swift
    /// if let report = await Doctor(configPath: file.path).onlineReport() { print(report.text) }
    /// ```
    public func onlineReport() async -> DoctorReport? {
        guard let config = try? loadConfig(),
              APIKeyLocator.find(environment: environment, configFile: config.sourceFile, currentDirectory: currentDirectory) != nil
        else { return nil }
        return DoctorReport(checks: await onlineChecks(config))
    }

    /// `online_key` and `online_model` from one `GET models/{default_model}` with the configured key and base URL.
    ///
    /// The service checks the key before the model, so any answer about the model (found or 404) proves the key
    /// was accepted; a 400 `API_KEY_INVALID` / `API_KEY_EXPIRED` or a 401/403 means it was refused.
    public func onlineChecks(_ config: Config) async -> [DoctorCheck] {
        let model = ModelCatalogue.bareID(config.defaultModel)
        let service = config.geminiAPIBaseURL
        guard let key = APIKeyLocator.find(environment: environment, configFile: config.sourceFile,
                                           currentDirectory: currentDirectory) else {
            return [DoctorCheck(check: .onlineKey, verdict: .fail, detail: "no key to try: GEMINI_API_KEY not found",
                                hint: "see the api_key line above"),
                    DoctorCheck(check: .onlineModel, verdict: .warn, detail: "\(model) not checked: no key")]
        }
        var configuration = GeminiClientConfiguration(baseURL: service)
        configuration.retryPolicy = Self.onlineRetryPolicy
        configuration.connectTimeout = 10
        configuration.requestTimeout = 20
        configuration.maxConcurrentTransfers = 1
        let client = GeminiBatchClient(apiKey: APIKey(key), configuration: configuration)
        let keyFile = (config.sourceFile?.deletingLastPathComponent() ?? URL(fileURLWithPath: currentDirectory, isDirectory: true))
            .appendingPathComponent(".env").path
        do {
            let info = try await client.getModel(model)
            return [keyAccepted(service), modelCheck(info, config: config)]
        } catch let error where error.isKeyRejected {
            let why = error.rpcStatus?.reason ?? error.httpStatus.map { "HTTP \($0)" } ?? "refused"
            return [DoctorCheck(check: .onlineKey, verdict: .fail,
                                detail: "\(service) refused the key (\(why): \(error.rpcStatus?.message ?? "no message"))",
                                hint: "create a key at https://aistudio.google.com/apikey (a paid tier: the Batch API has no free tier) "
                                    + "and put GEMINI_API_KEY=<key> in \(keyFile)"),
                    DoctorCheck(check: .onlineModel, verdict: .warn, detail: "\(model) not checked: the key was refused")]
        } catch .notFound(let status) {
            return [keyAccepted(service), modelNotFound(model, status: status, config: config)]
        } catch {
            return [DoctorCheck(check: .onlineKey, verdict: .warn, detail: "could not ask \(service): \(error)",
                                hint: "check the network, or gemini_api_base_url / GEMINI_API_BASE_URL"),
                    DoctorCheck(check: .onlineModel, verdict: .warn, detail: "\(model) not checked: the service did not answer")]
        }
    }

    private func keyAccepted(_ service: String) -> DoctorCheck {
        DoctorCheck(check: .onlineKey, verdict: .pass, detail: "\(service) accepted the key (not shown)")
    }

    private func modelCheck(_ info: ModelInfo, config: Config) -> DoctorCheck {
        let named = info.displayName.map { "\(info.id) (\($0))" } ?? info.id
        guard info.supportsBatch else {
            return DoctorCheck(check: .onlineModel, verdict: .fail,
                               detail: "\(named) does not support batchGenerateContent (it supports: "
                                   + "\(info.supportedGenerationMethods.joined(separator: ", ")))",
                               hint: "set \"default_model\" to \(ModelCatalogue.defaultModelID) in \(configName(config))")
        }
        if case .unknown = ModelCatalogue.lookup(info.id) {
            return DoctorCheck(check: .onlineModel, verdict: .pass,
                               detail: "\(named) is live and supports batchGenerateContent; it is not in pfc-jobs' catalogue, "
                                   + "so submit sends its sizes and aspect ratios unchecked")
        }
        return DoctorCheck(check: .onlineModel, verdict: .pass, detail: "\(named) is live and supports batchGenerateContent")
    }

    private func modelNotFound(_ model: String, status: RPCStatus, config: Config) -> DoctorCheck {
        let answer = "the service answered 404 (\(status.message.isEmpty ? "not found" : status.message))"
        if let replacement = ModelCatalogue.lookup(model).replacement, let notice = ModelCatalogue.retirementNotice(for: model) {
            return DoctorCheck(check: .onlineModel, verdict: .fail, detail: "\(notice); \(answer)",
                               hint: "set \"default_model\": \"\(replacement)\" in \(configName(config))")
        }
        return DoctorCheck(check: .onlineModel, verdict: .fail, detail: "\(model) is not a model the service serves: \(answer)",
                           hint: "set \"default_model\" to one of \(ModelCatalogue.live.map(\.id).joined(separator: ", ")) in \(configName(config))")
    }

    private func configName(_ config: Config) -> String { config.sourceFile?.path ?? "the config" }
}
