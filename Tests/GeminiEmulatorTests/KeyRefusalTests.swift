import Foundation
import Testing
@testable import GeminiEmulator

/// Keys are refused as the real service refuses them (section 12, row 6).
@Suite struct KeyRefusalTests {
    @Test func aWrongKeyGetsTheServicesExactAnswer() async throws {
        try await withEmulator { http, _ in
            var wrong = http
            wrong.apiKey = "not-the-key"
            let response = try await wrong.send("GET", "/v1beta/models/gemini-3-pro-image")
            #expect(response.status == 400)
            let expected: [String: Any] = ["error": [
                "code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT",
                "details": [["@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
                             "domain": "googleapis.com", "metadata": ["service": "generativelanguage.googleapis.com"]]],
            ]]
            #expect(NSDictionary(dictionary: response.json).isEqual(to: expected))
            #expect(!String(decoding: response.body, as: UTF8.self).contains("not-the-key"))
        }
    }

    @Test func expiredKeysAreRefusedAsExpiredEvenTheAcceptedOne() async throws {
        try await withEmulator({ $0.expiredKeys = ["old-key"] }) { http, _ in
            var old = http
            old.apiKey = "old-key"
            let reason = { (response: LoopbackHTTP.Response) in
                (((response.json["error"] as? [String: Any])?["details"] as? [[String: Any]])?.first?["reason"] as? String)
            }
            let expired = try await old.send("GET", "/v1beta/batches")
            #expect(expired.status == 400 && reason(expired) == "API_KEY_EXPIRED")
            #expect(try await http.send("GET", "/v1beta/batches").status == 200)
            // Expire the accepted key mid-run, through the control API.
            #expect(try await http.json("POST", "/_emulator/config", ["expiredKeys": ["test-key"]]).status == 200)
            let now = try await http.send("GET", "/v1beta/batches")
            #expect(now.status == 400 && reason(now) == "API_KEY_EXPIRED")
            let stats = try await http.stats()
            #expect(stats.apiKeyExpired == 2 && stats.permissionDenied == 2)
            #expect(try await http.json("POST", "/_emulator/config", ["expiredKeys": "test-key"]).status == 400)
        }
    }

    @Test func legacyKeyErrorsGiveTheOld403() async throws {
        try await withEmulator({ $0.legacyKeyErrors = true }) { http, _ in
            var wrong = http
            wrong.apiKey = "not-the-key"
            let response = try await wrong.send("GET", "/v1beta/batches")
            #expect(response.status == 403)
            #expect((response.json["error"] as? [String: Any])?["status"] as? String == "PERMISSION_DENIED")
        }
    }
}
