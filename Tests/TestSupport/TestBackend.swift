import Foundation
import JobStore

/// The backends the parameterized suites run on: SQLite always, PostgreSQL when `make test` started its
/// throwaway server (scripts/pg-test-server.sh exports PFC_TEST_POSTGRES_URL). Without the server the
/// PostgreSQL cases are not run, and each suite's availability test reports them as skipped with
/// ``skipReasonText``, so they never pass silently.
///
/// ```swift
/// @Test(arguments: TestBackend.available) func claims(_ backend: TestBackend) throws { _ = try TestDatabase(backend) }
/// ```
public enum TestBackend: String, Sendable, CaseIterable {
    case sqlite, postgresql

    /// The server's maintenance database URL, e.g. `postgresql://pfc@127.0.0.1:5433/postgres`.
    public static let serverURL: String? = ProcessInfo.processInfo.environment["PFC_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// Why the PostgreSQL cases did not run (test targets wrap it in a Swift Testing `Comment`).
    public static let skipReasonText = "PFC_TEST_POSTGRES_URL is not set (no throwaway server: run `make test`, or "
        + "eval \"$(bash scripts/pg-test-server.sh start)\"): the PostgreSQL cases are skipped"

    /// What `@Test(arguments:)` runs over.
    public static let available: [TestBackend] = serverURL == nil ? [.sqlite] : [.sqlite, .postgresql]

    public var storeBackend: StoreBackend { self == .sqlite ? .sqlite : .postgresql }
}
