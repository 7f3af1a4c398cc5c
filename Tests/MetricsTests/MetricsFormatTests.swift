import Foundation
import JobStore
import Metrics
import Testing

@Suite("Metrics text format")
struct MetricsFormatTests {
    @Test("a family prints HELP, TYPE and its samples with escaped, sorted labels")
    func familyText() {
        var family = MetricFamily("pfc_jobs_api_errors_total", .counter, help: "Errors\\by code.\nSecond line")
        family.add(2, labels: ["code": "503", "a": "quote \" and \\ and\nline"])
        #expect(family.text == """
            # HELP pfc_jobs_api_errors_total Errors\\\\by code.\\nSecond line
            # TYPE pfc_jobs_api_errors_total counter
            pfc_jobs_api_errors_total{a="quote \\" and \\\\ and\\nline",code="503"} 2

            """)
        #expect(MetricFamily("pfc_jobs_empty", .gauge, help: "none").text.isEmpty)
    }

    @Test("numbers: whole values without a fraction, others exact, specials as the format spells them")
    func numbers() {
        var family = MetricFamily("pfc_jobs_x", .gauge, help: "x")
        family.add(3.0)
        family.add(0.0672)
        family.add(Double.infinity)
        family.add(Double.nan)
        #expect(family.samples == ["pfc_jobs_x 3", "pfc_jobs_x 0.0672", "pfc_jobs_x +Inf", "pfc_jobs_x NaN"])
    }

    @Test("API error codes come from the client's error texts; other failures have none")
    func errorCodes() {
        #expect(APIErrorCode.of(kind: "transient-error", head: "Gemini API error (HTTP 503): UNAVAILABLE: overloaded") == "503")
        #expect(APIErrorCode.of(kind: "transient-error", head: "gave up after 5 attempts: Gemini API error (HTTP 429): slow down") == "429")
        #expect(APIErrorCode.of(kind: "not-found", head: "batch not found on the API; a later check will confirm") == "404")
        #expect(APIErrorCode.of(kind: "failed", head: "batch not found on the API (confirmed by 2 consecutive checks)") == "404")
        #expect(APIErrorCode.of(kind: "transient-error", head: "transport error (curl 7): Couldn't connect to server") == "transport")
        #expect(APIErrorCode.of(kind: "transient-error", head: "timeout: Operation timed out after 30000 ms") == "timeout")
        #expect(APIErrorCode.of(kind: "transient-error", head: "retrieval interrupted: No space left on device") == nil)
        #expect(APIErrorCode.of(kind: "failed", head: "batch failed: quota exceeded") == nil)
        #expect(APIErrorCode.of(kind: "failed", head: "Gemini API error (HTTP 50") == nil)
    }

    @Test("an empty database gives every status and state with 0, and no run figures")
    func emptyStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try JobStore(path: folder.appendingPathComponent("jobs.sqlite3").path)
        let file = folder.appendingPathComponent("out/pfc_jobs.prom")
        try MetricsFile.write(store: store, run: nil, to: file)
        let text = try String(contentsOf: file, encoding: .utf8)
        for status in JobStatus.allCases { #expect(text.contains("pfc_jobs_jobs{status=\"\(status.rawValue)\"} 0\n")) }
        #expect(text.contains("pfc_jobs_images_retrieved_total 0\n"))
        #expect(text.contains("pfc_jobs_oldest_pending_job_age_seconds 0\n"))
        #expect(!text.contains("pfc_jobs_last_run_start_timestamp_seconds"))
        #expect(!text.contains("pfc_jobs_last_run_images"))
    }
}
