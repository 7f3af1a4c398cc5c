import Foundation
import GeminiEmulator
import Scheduling
import Setup
import Testing

/// `doctor --online` against the emulator over loopback: one `GET models/{model}` tells a refused key, a
/// retired model (named with its replacement) and a live one apart; without `--online` no request is made.
@Suite(.serialized) struct DoctorOnlineTests {
    static let key = "doctor-online-key-4711"

    /// A config pointing at a fresh emulator, with `default_model` set; the body gets the folder and the server.
    func withService(model: String, _ body: (URL, EmulatorServer) async throws -> Void) async throws {
        let server = EmulatorServer(configuration: EmulatorConfiguration(apiKey: Self.key))
        let port = try await server.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-doctor-online-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config: [String: Any] = ["generated_images_path": folder.appendingPathComponent("images").path,
                                     "gemini_api_base_url": "http://127.0.0.1:\(port)", "default_model": model]
        try JSONSerialization.data(withJSONObject: config).write(to: folder.appendingPathComponent("config.json"))
        do {
            try await body(folder, server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func doctor(_ folder: URL, key: String) -> Doctor {
        Doctor(configPath: folder.appendingPathComponent("config.json").path,
               environment: ["HOME": folder.path, "GEMINI_API_KEY": key], currentDirectory: folder.path,
               crontab: CrontabClient(crontabPath: "/bin/true"), executablePath: "/usr/local/bin/pfc-jobs")
    }

    @Test func aWrongKeyIsReportedRefusedAndNeverShown() async throws {
        try await withService(model: "gemini-3-pro-image") { folder, _ in
            let report = try #require(await doctor(folder, key: "not-the-key-0000").onlineReport())
            let key = try #require(report[.onlineKey])
            #expect(key.verdict == .fail)
            #expect(key.detail.contains("API_KEY_INVALID"), "\(key.detail)")
            #expect(key.hint?.contains(".env") == true)
            #expect(report[.onlineModel]?.verdict == .warn, "the model cannot be judged with a refused key")
            #expect(!report.text.contains("not-the-key-0000"))
        }
    }

    @Test func aRetiredModelIsNamedWithItsReplacement() async throws {
        try await withService(model: "gemini-2.5-flash-image") { folder, server in
            let report = await doctor(folder, key: Self.key).run(online: true)
            #expect(report[.config]?.verdict == .fail, "the config check names the retired model offline too")
            #expect(report[.config]?.detail.contains("use gemini-3.1-flash-image") == true, "\(report[.config]?.detail ?? "")")
            #expect(report[.onlineKey]?.verdict == .pass, "a 404 about the model means the key was accepted")
            let model = try #require(report[.onlineModel])
            #expect(model.verdict == .fail)
            #expect(model.detail.contains("gemini-2.5-flash-image was shut down on 2026-10-02; use gemini-3.1-flash-image"), "\(model.detail)")
            #expect(model.detail.contains("404"))
            #expect(model.hint?.contains("\"default_model\": \"gemini-3.1-flash-image\"") == true)
            #expect(await server.stats().totalRequests == 1, "one GET models/{model}")
        }
    }

    @Test func aLiveModelAndAnUnknownOneAreToldApart() async throws {
        try await withService(model: "gemini-3.1-flash-image") { folder, _ in
            let report = try #require(await doctor(folder, key: Self.key).onlineReport())
            #expect(report[.onlineKey]?.verdict == .pass)
            #expect(report[.onlineModel]?.verdict == .pass, "\(report.text)")
            #expect(report[.onlineModel]?.detail.contains("supports batchGenerateContent") == true)
        }
        try await withService(model: "gemini-9-imaginary-image") { folder, _ in
            let report = try #require(await doctor(folder, key: Self.key).onlineReport())
            #expect(report[.onlineModel]?.verdict == .fail)
            #expect(report[.onlineModel]?.detail.contains("is not a model the service serves") == true, "\(report.text)")
        }
    }

    @Test func theBinaryAsksTheServiceOnlyWithOnline() async throws {
        try await withService(model: "gemini-3-pro-image") { folder, server in
            let environment = ["HOME": folder.path, "PATH": "/usr/bin:/bin", "GEMINI_API_KEY": Self.key]
            let arguments = ["doctor", "--config", folder.appendingPathComponent("config.json").path,
                             "--crontab-program", "/bin/true", "--json"]
            let offline = try await runOffThePool(arguments, environment: environment, in: folder)
            #expect(offline.output.contains("\"api_key\""), "\(offline.output)\(offline.error)")
            #expect(!offline.output.contains("online_key"))
            #expect(await server.stats().totalRequests == 0, "doctor without --online makes no request")

            let online = try await runOffThePool(arguments + ["--online"], environment: environment, in: folder)
            #expect(online.output.contains("\"online_key\""), "\(online.output)\(online.error)")
            #expect(online.output.contains("\"online_model\""))
            #expect(await server.stats().totalRequests == 1)
        }
    }

    /// The blocking child-process helper on a thread of its own, so the in-process emulator keeps the
    /// cooperative pool while the child talks to it.
    func runOffThePool(_ arguments: [String], environment: [String: String], in folder: URL) async throws
        -> (status: Int32, output: String, error: String)
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runPFCJobs(arguments, environment: environment, in: folder) })
            }
        }
    }
}
