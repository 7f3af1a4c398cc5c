import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GeminiEmulator

/// The emulator's control API over loopback (`/_emulator/...`), the same for an emulator in this process and
/// for `pfc-jobs emulator` as a child process.
public struct EmulatorControl: Sendable {
    public let baseURL: String

    public init(baseURL: String) { self.baseURL = baseURL }

    /// POSTs a control request and returns the decoded JSON object of the answer; throws unless 200.
    @discardableResult
    public func post(_ path: String, _ body: [String: Any] = [:]) async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else {
            throw HarnessError.failed("POST \(path) -> \(status): \(String(decoding: data, as: UTF8.self))")
        }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// GETs a control path (`/_emulator/batches/...`) and returns the decoded JSON object.
    public func get(_ path: String) async throws -> [String: Any] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: baseURL + path)!)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// What the emulator counted (calls, creates, faults injected, keys refused).
    public func stats() async throws -> EmulatorStats {
        let (data, _) = try await URLSession.shared.data(from: URL(string: baseURL + "/_emulator/stats")!)
        return try JSONDecoder().decode(EmulatorStats.self, from: data)
    }
}
