import ArgumentParser

/// Placeholder: the client/emulator issue fills this in.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local emulator of the Gemini Batch API on 127.0.0.1."
    )
    func run() async throws {
        throw ValidationError("the emulator is not built yet")
    }
}
