import FlyingFox
import Foundation
import OrderedJSON

/// `POST /_emulator/config`: changes live settings; every field is optional.
extension RequestRouter {
    /// Fields: `latencyMs`, `faultRate`, `faults` ("429,drop" or a list), `seed` (re-seeds faults),
    /// `pollsUntilRunning`, `pollsUntilDone`, `secondsUntilDone` (null disables), `imageSize` ("WxH"),
    /// `imageStyle` ("smooth" or "photo"), `retryAfterSeconds`;
    /// realism switches: `thoughts` (bool), `draftImages` (0...2), `acceptAnyModel` (bool),
    /// `legacyKeyErrors` (bool), `expiredKeys` (list of keys answered API_KEY_EXPIRED; replaces the set),
    /// `inlineLimit` / `inlineByteLimit` (int, or null for no limit), `responsesFile` (bool: force files),
    /// `statusFileLines` (bool), `outputLagPolls` (int);
    /// hostile answers: `statusPaddingBytes` (int), `hangMilliseconds` (int), `dropUploadChunk` (int N: the Nth
    /// chunk of each upload is half kept and its connection dropped; null or 0 turns it off).
    func configure(_ object: [String: Any]) async throws -> HTTPResponse {
        var settings = await state.configuration
        func int(_ name: String) throws -> Int? {
            guard let value = object[name], !(value is NSNull) else { return nil }
            guard let number = value as? Int else { throw EmulatorError.invalidArgument("config: '\(name)' must be an integer") }
            return number
        }
        func bool(_ name: String) throws -> Bool? {
            guard let value = object[name] else { return nil }
            guard let flag = value as? Bool else { throw EmulatorError.invalidArgument("config: '\(name)' must be true or false") }
            return flag
        }
        /// An integer, or null (which clears the limit); absent leaves it.
        func limit(_ name: String, _ keyPath: WritableKeyPath<EmulatorConfiguration, Int?>) throws {
            guard object.keys.contains(name) else { return }
            if object[name] is NSNull { settings[keyPath: keyPath] = nil; return }
            guard let number = try int(name), number >= 0 else {
                throw EmulatorError.invalidArgument("config: '\(name)' must be a non-negative integer or null")
            }
            settings[keyPath: keyPath] = number
        }
        if let value = try int("latencyMs") { settings.latencyMilliseconds = value }
        if let value = object["faultRate"] {
            guard let rate = value as? Double, (0...1).contains(rate) else {
                throw EmulatorError.invalidArgument("config: 'faultRate' must be a number in 0...1")
            }
            settings.faultRate = rate
        }
        if let value = object["faults"] {
            if let text = value as? String {
                settings.faultKinds = try FaultKind.parseList(text)
            } else if let list = value as? [String] {
                settings.faultKinds = try FaultKind.parseList(list.joined(separator: ","))
            } else {
                throw EmulatorError.invalidArgument("config: 'faults' must be a string or a list of strings")
            }
        }
        if let value = try int("pollsUntilRunning") { settings.pollsUntilRunning = value }
        if let value = try int("pollsUntilDone") { settings.pollsUntilDone = value }
        if object.keys.contains("secondsUntilDone") {
            settings.secondsUntilDone = object["secondsUntilDone"] as? Double
        }
        if let size = object["imageSize"] as? String {
            (settings.imageWidth, settings.imageHeight) = try Self.parseImageSize(size)
        }
        if let value = object["imageStyle"] {
            guard let name = value as? String, let style = ImageStyle(rawValue: name) else {
                throw EmulatorError.invalidArgument("config: 'imageStyle' must be one of "
                    + ImageStyle.allCases.map(\.rawValue).joined(separator: ", "))
            }
            settings.imageStyle = style
        }
        try limit("inlineLimit", \.inlineItemLimit)
        try limit("inlineByteLimit", \.inlineByteLimit)
        if let value = try int("retryAfterSeconds") { settings.retryAfterSeconds = value }

        if let value = try bool("thoughts") { settings.thoughts = value }
        if let value = try int("draftImages") {
            guard (0...2).contains(value) else { throw EmulatorError.invalidArgument("config: 'draftImages' must be 0, 1 or 2") }
            settings.draftImages = value
        }
        if let value = try bool("acceptAnyModel") { settings.acceptAnyModel = value }
        if let value = try bool("legacyKeyErrors") { settings.legacyKeyErrors = value }
        if let value = object["expiredKeys"] {
            guard let keys = value as? [String] else {
                throw EmulatorError.invalidArgument("config: 'expiredKeys' must be a list of strings")
            }
            settings.expiredKeys = Set(keys)
        }
        if let value = try bool("responsesFile") { settings.forceResponsesFile = value }
        if let value = try bool("statusFileLines") { settings.statusFileLines = value }
        if let value = try Self.nonNegative(object, "outputLagPolls", "config") { settings.outputLagPolls = value }
        if let value = try Self.nonNegative(object, "statusPaddingBytes", "config") { settings.statusPaddingBytes = value }
        if let value = try Self.nonNegative(object, "hangMilliseconds", "config") { settings.hangMilliseconds = value }

        if object.keys.contains("dropUploadChunk") {
            let value = try int("dropUploadChunk")
            guard (value ?? 0) >= 0 else { throw EmulatorError.invalidArgument("config: 'dropUploadChunk' must be a non-negative integer or null") }
            settings.dropUploadChunk = value == 0 ? nil : value
        }

        let seed = try int("seed").map { UInt64(truncatingIfNeeded: $0) }
        await state.apply(settings, faultSeed: seed)
        return StatusResponse.json(.object(JSONObject()))
    }
}
