import FlyingFox
import Foundation
import OrderedJSON

/// `GET models` (paged: `pageSize`, `pageToken` → `{models[], nextPageToken}`) and `GET models/{m}`, from the
/// emulator's catalogue: the cheap online check of a key and a model (doctor --online).
extension RequestRouter {
    func models(_ request: HTTPRequest, path: String, version: String) async -> HTTPResponse {
        let isList = path == "models"
        await state.recordModelCall(list: isList)
        guard isList else {
            guard let model = EmulatorModels.live(id: path), !path.contains(":") else {
                return StatusResponse.notFound("\(path) is not found for API version \(version), or is not supported for get. "
                    + "Call ListModels to see the list of available models and their supported methods.")
            }
            return StatusResponse.json(model.resource)
        }
        do {
            let page = try Self.page(request)
            let size = page.size == 0 ? 50 : min(page.size, 1000)
            let start = try OffsetPageToken.decode(page.token)
            let all = EmulatorModels.liveModels
            let shown = all.dropFirst(start).prefix(size)
            var body: [(String, JSONValue)] = [("models", .array(shown.map(\.resource)))]
            if start + shown.count < all.count {
                body.append(("nextPageToken", .string(OffsetPageToken.encode(start + shown.count))))
            }
            return StatusResponse.json(.object(JSONObject(body)))
        } catch let error as EmulatorError {
            return StatusResponse.invalidArgument(error.description)
        } catch {
            return StatusResponse.error(500, "INTERNAL", "The emulator could not list models: \(error)")
        }
    }
}
