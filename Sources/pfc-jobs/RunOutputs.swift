import BatchChecker
import Foundation
import Gallery
import JobStore
import Logging
import Metrics
import PFCConfig

/// What a `check` run leaves besides its own work: the metrics file (every run, also one that stopped on a
/// fatal error) and the gallery (after a run that retrieved or failed something). Neither ever fails the run:
/// a problem is one WARNING line in the log.
///
/// ```swift
/// RunOutputs.write(after: report, config: config, store: store, logger: logger)   // nil report: the run failed
/// ```
enum RunOutputs {
    static func write(after report: CheckReport?, config: Config, store: JobStore, logger: Logger) {
        if let file = config.metricsFile {
            let run = report.map { RunFigures(imagesWritten: $0.imagesWritten, imagesFailed: $0.imagesFailed) }
            do { try MetricsFile.write(store: store, run: run, to: file) } catch { logger.warning("\(error)") }
        }
        guard config.galleryEnabled, let report,
              report.retrieved > 0 || report.imagesWritten > 0 || report.imagesFailed > 0 || report.failed > 0 else { return }
        do {
            let update = try GalleryBuilder(store: store, folder: config.galleryFolder).update()
            if !update.unchanged {
                logger.info("Gallery updated: \(update.renderedCards) card(s) rendered, \(update.thumbnailsMade) thumbnail(s) made: \(update.page.path)")
            }
            for missing in update.missingPreviews { logger.warning("Gallery: no preview for \(missing)") }
        } catch {
            logger.warning("Gallery not updated: \(error)")
        }
    }
}
