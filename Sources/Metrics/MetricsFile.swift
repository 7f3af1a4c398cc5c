import AtomicFiles
import Foundation
import JobStore

/// The Prometheus textfile a check run leaves for node_exporter's textfile collector: figures from the
/// database (jobs, images, bytes, costs, runs, API errors from the history) and from the run itself,
/// written atomically (temp file + rename), so the collector never reads half a file.
///
/// Every name starts with `pfc_jobs_`; counters end in `_total`, durations and times in `_seconds`,
/// sizes in `_bytes`. Counters are totals over the database's whole life (they only grow, except that
/// pruning history can lower `pfc_jobs_api_errors_total`, which Prometheus reads as a counter reset).
///
/// ```swift
/// try MetricsFile.write(store: store, run: RunFigures(imagesWritten: 3), to: URL(fileURLWithPath: "/var/lib/node_exporter/pfc_jobs.prom"))
/// ```
public enum MetricsFile {
    /// Reads the figures and writes the file (mode 0644, or the existing file's mode).
    /// - Throws: ``MetricsError`` naming the file when the database cannot be read or the file not written.
    public static func write(store: JobStore, run: RunFigures?, to url: URL, now: Date = Date()) throws(MetricsError) {
        let figures: StoreFigures
        do { figures = try store.storeFigures() } catch {
            throw MetricsError(path: url.path, reason: "cannot read the job database: \(error)")
        }
        let text = render(figures: figures, run: run, now: now)
        do {
            try AtomicFile.createFolder(url.deletingLastPathComponent())
            try AtomicFile.write(Array(text.utf8), to: url, mode: 0o644)
        } catch {
            throw MetricsError(path: url.path, reason: error.description)
        }
    }

    /// The file's text for these figures.
    public static func render(figures: StoreFigures, run: RunFigures?, now: Date) -> String {
        var families: [MetricFamily] = []
        families += stateFamilies(figures)
        families += costFamilies(figures)
        families += runFamilies(figures, run: run)
        var errors = MetricFamily("pfc_jobs_api_errors_total", .counter,
                                  help: "Failed Gemini API calls recorded in the jobs' history, by HTTP status or failure kind.")
        for (code, count) in APIErrorCode.counts(figures.errorEvents).sorted(by: { $0.key < $1.key }) {
            errors.add(count, labels: ["code": code])
        }
        families.append(errors)
        var age = MetricFamily("pfc_jobs_oldest_pending_job_age_seconds", .gauge,
                               help: "Seconds since the oldest pending job was submitted (0 when no job is pending).")
        let oldest = figures.oldestPendingSince.map { max(0, now.timeIntervalSince($0.date)) } ?? 0
        age.add(oldest.rounded(), labels: [:])
        families.append(age)
        return families.map(\.text).joined()
    }

    private static func stateFamilies(_ figures: StoreFigures) -> [MetricFamily] {
        var jobs = MetricFamily("pfc_jobs_jobs", .gauge, help: "Jobs in the database by local status.")
        for status in JobStatus.allCases { jobs.add(figures.jobsByStatus[status] ?? 0, labels: ["status": status.rawValue]) }
        var images = MetricFamily("pfc_jobs_images", .gauge, help: "Images (requested items) by state.")
        for state in ImageState.allCases { images.add(figures.imagesByState[state] ?? 0, labels: ["state": state.rawValue]) }
        var retrieved = MetricFamily("pfc_jobs_images_retrieved_total", .counter, help: "Images retrieved and written.")
        retrieved.add(figures.imagesByState[.done] ?? 0)
        var failed = MetricFamily("pfc_jobs_images_failed_total", .counter,
                                  help: "Requested items that gave no image (blocked, no image, corrupt bytes).")
        failed.add(figures.imagesByState[.failed] ?? 0)
        var bytes = MetricFamily("pfc_jobs_retrieved_bytes_total", .counter, help: "Bytes of the retrieved images as received.")
        bytes.add(figures.retrievedBytes)
        var webp = MetricFamily("pfc_jobs_webp_bytes_total", .counter, help: "Bytes of the WebP files made from them.")
        webp.add(figures.webpBytes)
        return [jobs, images, retrieved, failed, bytes, webp]
    }

    private static func costFamilies(_ figures: StoreFigures) -> [MetricFamily] {
        var estimated = MetricFamily("pfc_jobs_estimated_cost_usd_total", .counter,
                                     help: "Cost estimated by submit (batch prices, USD), by model.")
        var actual = MetricFamily("pfc_jobs_actual_cost_usd_total", .counter,
                                  help: "Cost from the results' token counts (batch prices, USD), by model.")
        for (model, cost) in figures.costByModel.sorted(by: { $0.key < $1.key }) {
            estimated.add(cost.estimatedUSD, labels: ["model": model])
            actual.add(cost.actualUSD, labels: ["model": model])
        }
        return [estimated, actual]
    }

    private static func runFamilies(_ figures: StoreFigures, run: RunFigures?) -> [MetricFamily] {
        var families: [MetricFamily] = []
        if let last = figures.lastFinishedRun, let end = last.finishedAt {
            var start = MetricFamily("pfc_jobs_last_run_start_timestamp_seconds", .gauge,
                                     help: "When the check run that finished last started (Unix time).")
            start.add(seconds(last.startedAt))
            var finish = MetricFamily("pfc_jobs_last_run_end_timestamp_seconds", .gauge,
                                      help: "When the check run that finished last ended (Unix time).")
            finish.add(seconds(end))
            var duration = MetricFamily("pfc_jobs_last_run_duration_seconds", .gauge, help: "How long that run took.")
            duration.add(Double(end.microsecondsSinceEpoch - last.startedAt.microsecondsSinceEpoch) / 1_000_000)
            var success = MetricFamily("pfc_jobs_last_run_success", .gauge,
                                       help: "1 when that run completed, 0 when it stopped on a fatal error.")
            success.add(last.outcome == .completed ? 1 : 0)
            var jobs = MetricFamily("pfc_jobs_last_run_jobs", .gauge, help: "What that run did with the jobs it claimed.")
            jobs.add(last.counts.claimed, labels: ["result": "claimed"])
            jobs.add(last.counts.retrieved, labels: ["result": "retrieved"])
            jobs.add(last.counts.failed, labels: ["result": "failed"])
            jobs.add(last.counts.errors, labels: ["result": "errors"])
            families += [start, finish, duration, success, jobs]
        }
        var outcomes = MetricFamily("pfc_jobs_last_run_outcome_timestamp_seconds", .gauge,
                                    help: "When the last run of each outcome ended (Unix time).")
        for outcome in RunOutcome.allCases {
            if let at = figures.lastFinishByOutcome[outcome] { outcomes.add(seconds(at), labels: ["outcome": outcome.rawValue]) }
        }
        families.append(outcomes)
        if let run {
            var images = MetricFamily("pfc_jobs_last_run_images", .gauge, help: "Images this run wrote, and items that gave none.")
            images.add(run.imagesWritten, labels: ["result": "written"])
            images.add(run.imagesFailed, labels: ["result": "failed"])
            families.append(images)
            if let byCode = run.apiErrorsByCode {
                var errors = MetricFamily("pfc_jobs_last_run_api_errors", .gauge, help: "Failed API calls of this run, by code.")
                for (code, count) in byCode.sorted(by: { $0.key < $1.key }) { errors.add(count, labels: ["code": code]) }
                families.append(errors)
            }
            if let downloaded = run.downloadedBytes {
                var bytes = MetricFamily("pfc_jobs_last_run_downloaded_bytes", .gauge, help: "Bytes this run downloaded from the API.")
                bytes.add(downloaded)
                families.append(bytes)
            }
        }
        return families
    }

    private static func seconds(_ time: Timestamp) -> Double { Double(time.microsecondsSinceEpoch) / 1_000_000 }
}
