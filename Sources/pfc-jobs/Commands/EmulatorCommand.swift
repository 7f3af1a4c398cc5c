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
        Prints one line 'emulator listening on http://HOST:PORT' once it accepts connections. \
        The API key defaults to GEMINI_API_KEY from the environment; it is never printed.

        By default it answers like the real service (late 2026): live models gemini-3-pro-image, \
        gemini-3.1-flash-image and gemini-3.1-flash-lite-image (GET /v1beta/models, /v1beta/models/{m}); \
        retired or unknown ids get 404 NOT_FOUND on create; imageConfig.imageSize and aspectRatio are checked \
        per model (400 INVALID_ARGUMENT); Gemini 3 answers carry thought text and a draft image \
        ("thought": true) before the final image, which has a thoughtSignature; usageMetadata counts 1120 \
        tokens per 1K/2K image, 2000 per 4K, 747 per 512; a wrong key gets 400 API_KEY_INVALID, a missing \
        key 403 PERMISSION_DENIED; inline input gets inline output however big (streamed from disk).

        Prompt markers: [emu:batch-failed] [emu:expired] [emu:item-error] [emu:blocked] [emu:no-image] \
        [emu:image-safety] [emu:jpeg] [emu:mislabelled-jpeg] [emu:alpha] [emu:corrupt] [emu:two-drafts] \
        [emu:no-thoughts] [emu:two-images] [emu:responses-file] [emu:status-line] [emu:output-lag-N]. \
        Hostile answers: [emu:quote-key] [emu:control-chars] [emu:status-padding-N] [emu:image-WxH] \
        [emu:hang] [emu:hang-N].

        Control API (loopback, no key): GET /_emulator/stats, GET /_emulator/batches/{id}, \
        POST /_emulator/reset, /_emulator/script, /_emulator/config, /_emulator/batches. Expired keys are \
        set only through POST /_emulator/config {"expiredKeys": [...]}, so no key appears in a command line.
        """
    )

    @Option(help: "IPv4 address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to bind; 0 picks a free one.") var port: UInt16 = 8089
    @Option(help: "The only API key accepted (default: $GEMINI_API_KEY).") var apiKey: String?
    @Option(help: "GETs after which a pending batch reports RUNNING.") var pollsUntilRunning: Int = 1
    @Option(help: "GETs after which a batch finishes.") var pollsUntilDone: Int = 3
    @Option(help: "Seconds after creation after which a batch finishes (whichever comes first).")
    var secondsUntilDone: Double?
    @Option(help: "Size of generated final images, WIDTHxHEIGHT (drafts are half).") var imageSize = "256x256"
    @Option(help: "Look of generated images: smooth (small, fast) or photo (grain; realistic encoding cost).")
    var imageStyle = "smooth"
    @Flag(help: "Gemini 3 answers without thought parts (text and draft images), as before.") var noThoughts = false
    @Option(help: "Draft images among a Gemini 3 answer's thought parts, 0...2.") var draftImages = 1
    @Option(help: "Old behaviour: batches with more items than this get a JSONL responses file (default: no limit).")
    var inlineLimit: Int?
    @Option(help: "Old behaviour: batches whose inline items exceed this many bytes get a responses file (default: no limit).")
    var inlineByteLimit: Int?
    @Flag(help: "Every batch's output goes to a JSONL responses file.") var responsesFile = false
    @Flag(help: "Failed items in responses files read {\"key\",\"status\"} instead of {\"key\",\"error\"}.")
    var statusFileLines = false
    @Option(help: "GETs that report a finished batch SUCCEEDED without its output yet.") var outputLag = 0
    @Flag(help: "Old behaviour: accept any model id on create.") var acceptAnyModel = false
    @Flag(help: "Old behaviour: a wrong key gets 403 PERMISSION_DENIED instead of 400 API_KEY_INVALID.")
    var legacyKeyErrors = false
    @Option(help: "Hostile: pad GETs of unfinished batches to this many bytes (0: off).") var statusPaddingBytes = 0
    @Option(help: "Hostile: hold every API request this long without an answer, then hang up (0: off).")
    var hangMs = 0
    @Option(help: "Delay added to every API request, in milliseconds.") var latencyMs = 0
    @Option(help: "Probability (0...1) of a fault on an API request.") var faultRate = 0.0
    @Option(help: "Fault kinds to inject: 429,500,503,drop,truncate.") var faults = "429,500,503,drop,truncate"
    @Option(help: "Seed for batch ids, faults and images.") var seed: UInt64 = 1

    func run() async throws {
        guard let key = apiKey ?? ProcessInfo.processInfo.environment["GEMINI_API_KEY"], !key.isEmpty else {
            throw ValidationError("no API key: pass --api-key or set GEMINI_API_KEY")
        }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be within 0...1") }
        guard (0...2).contains(draftImages) else { throw ValidationError("--draft-images must be 0, 1 or 2") }
        for (name, value) in [("--inline-limit", inlineLimit ?? 0), ("--inline-byte-limit", inlineByteLimit ?? 0),
                              ("--output-lag", outputLag), ("--status-padding-bytes", statusPaddingBytes), ("--hang-ms", hangMs)]
        where value < 0 {
            throw ValidationError("\(name) must not be negative, got \(value)")
        }
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
        settings.thoughts = !noThoughts
        settings.draftImages = draftImages
        settings.inlineItemLimit = inlineLimit
        settings.inlineByteLimit = inlineByteLimit
        settings.forceResponsesFile = responsesFile
        settings.statusFileLines = statusFileLines
        settings.outputLagPolls = outputLag
        settings.acceptAnyModel = acceptAnyModel
        settings.legacyKeyErrors = legacyKeyErrors
        settings.statusPaddingBytes = statusPaddingBytes
        settings.hangMilliseconds = hangMs
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
