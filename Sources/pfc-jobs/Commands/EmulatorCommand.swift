import ArgumentParser
import Dispatch
import Foundation
import GeminiEmulator

/// `pfc-jobs emulator`: serves the Gemini Batch API emulator until SIGTERM or SIGINT.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local emulator of the Gemini Batch API on 127.0.0.1.",
        discussion: """
        Prints one line 'emulator listening on http://HOST:PORT' once it accepts connections.
        The API key defaults to GEMINI_API_KEY from the environment; it is never printed.
        Prompt markers script outcomes: [emu:batch-failed] [emu:expired] [emu:item-error] [emu:blocked]
        [emu:no-image] [emu:image-safety] [emu:jpeg] [emu:alpha] [emu:corrupt]. Control API: GET /_emulator/stats, POST /_emulator/reset,
        /_emulator/script, /_emulator/config, /_emulator/batches.
        """
    )

    @Option(help: "IPv4 address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to bind; 0 picks a free one.") var port: UInt16 = 8089
    @Option(help: "The only API key accepted (default: $GEMINI_API_KEY).") var apiKey: String?
    @Option(help: "GETs after which a pending batch reports RUNNING.") var pollsUntilRunning: Int = 1
    @Option(help: "GETs after which a batch finishes.") var pollsUntilDone: Int = 3
    @Option(help: "Seconds after creation after which a batch finishes (whichever comes first).")
    var secondsUntilDone: Double?
    @Option(help: "Size of generated images, WIDTHxHEIGHT.") var imageSize = "256x256"
    @Option(help: "Look of generated images: smooth (small, fast) or photo (grain; realistic encoding cost).")
    var imageStyle = "smooth"
    @Option(help: "Batches with more items than this get a JSONL responses file.") var inlineLimit = 20
    @Option(help: "Delay added to every API request, in milliseconds.") var latencyMs = 0
    @Option(help: "Probability (0...1) of a fault on an API request.") var faultRate = 0.0
    @Option(help: "Fault kinds to inject: 429,500,503,drop,truncate.") var faults = "429,500,503,drop,truncate"
    @Option(help: "Seed for batch ids, faults and images.") var seed: UInt64 = 1

    func run() async throws {
        guard let key = apiKey ?? ProcessInfo.processInfo.environment["GEMINI_API_KEY"], !key.isEmpty else {
            throw ValidationError("no API key: pass --api-key or set GEMINI_API_KEY")
        }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be within 0...1") }
        var settings = EmulatorConfiguration(apiKey: key)
        settings.host = host
        settings.port = port
        settings.pollsUntilRunning = pollsUntilRunning
        settings.pollsUntilDone = pollsUntilDone
        settings.secondsUntilDone = secondsUntilDone
        let parts = imageSize.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ (1...8192).contains($0) }) else {
            throw ValidationError("--image-size must look like WIDTHxHEIGHT, e.g. 256x256")
        }
        (settings.imageWidth, settings.imageHeight) = (parts[0], parts[1])
        guard let style = ImageStyle(rawValue: imageStyle) else {
            throw ValidationError("--image-style must be one of " + ImageStyle.allCases.map(\.rawValue).joined(separator: ", "))
        }
        settings.imageStyle = style
        settings.inlineItemLimit = inlineLimit
        settings.latencyMilliseconds = latencyMs
        settings.faultRate = faultRate
        do {
            settings.faultKinds = try FaultKind.parseList(faults)
        } catch {
            throw ValidationError("--faults: \(error)")
        }
        settings.seed = seed

        let server = EmulatorServer(configuration: settings)
        let stopSignals = Self.installStopSignals(server)
        let boundPort = try await server.start()
        // Unbuffered, so a script waiting for this line sees it at once even when stdout is a pipe.
        FileHandle.standardOutput.write(Data("emulator listening on http://\(host):\(boundPort)\n".utf8))
        await server.waitUntilStopped()
        withExtendedLifetime(stopSignals) {}
    }

    /// Processes started from some parents (Swift Testing, for one) inherit a blocked SIGTERM/SIGINT mask;
    /// unblock both and route them to a clean stop.
    private static func installStopSignals(_ server: EmulatorServer) -> [any DispatchSourceSignal] {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        return [SIGTERM, SIGINT].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                Task {
                    await server.stop()
                    Foundation.exit(0)
                }
            }
            source.resume()
            return source
        }
    }
}
