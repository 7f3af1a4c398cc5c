/// A Swift value bound to a `?` placeholder of a store statement.
///
/// ```swift
/// try tx.execute("UPDATE jobs SET status = ? WHERE id = ?", [JobStatus.failed, id])
/// ```
protocol StoreArgument {
    var storeValue: StoreValue { get }
}

extension String: StoreArgument { var storeValue: StoreValue { .text(self) } }
extension Int: StoreArgument { var storeValue: StoreValue { .integer(Int64(self)) } }
extension Int64: StoreArgument { var storeValue: StoreValue { .integer(self) } }
extension Double: StoreArgument { var storeValue: StoreValue { .real(self) } }
extension Bool: StoreArgument { var storeValue: StoreValue { .integer(self ? 1 : 0) } }
extension Timestamp: StoreArgument { var storeValue: StoreValue { .integer(microsecondsSinceEpoch) } }
extension JobStatus: StoreArgument { var storeValue: StoreValue { .text(rawValue) } }
extension ImageState: StoreArgument { var storeValue: StoreValue { .text(rawValue) } }
extension RunOutcome: StoreArgument { var storeValue: StoreValue { .text(rawValue) } }
extension JobEventKind: StoreArgument { var storeValue: StoreValue { .text(rawValue) } }

extension Optional: StoreArgument where Wrapped: StoreArgument {
    var storeValue: StoreValue { self?.storeValue ?? .null }
}

extension StoreValue: StoreArgument { var storeValue: StoreValue { self } }
