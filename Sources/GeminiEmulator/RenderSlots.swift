import Foundation

/// The results of one window of items rendered side by side (`DispatchQueue.concurrentPerform`), each
/// stored by its worker and taken in input order by the writer.
final class RenderSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<RenderedItem, any Error>?]

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func store(_ slot: Int, _ result: Result<RenderedItem, any Error>) {
        lock.withLock { results[slot] = result }
    }

    /// The item of a slot, or the error its rendering threw.
    func take(_ slot: Int) throws -> RenderedItem {
        guard let result = lock.withLock({ results[slot] }) else {
            throw EmulatorError.ioFailure("item \(slot) of a render window was not rendered")
        }
        return try result.get()
    }
}
