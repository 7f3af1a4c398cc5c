import ArgumentParser
import Foundation
import Gallery

struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Write the gallery: a static HTML contact sheet of every job and image.",
        discussion: """
        Writes <images root>/gallery/index.html (or DIR/index.html with --out): newest jobs first, one card per
        image with a thumbnail (a small WebP made once under thumbs/), title, prompt, model, size, cost, status
        and time; failed and blocked items with their reason; a filter by status and date that works from
        file:// without a server. Links are relative, so the folder can be copied or served with the images.
        Only cards that changed since the last update are rendered; `check` updates the gallery by itself after
        a run that retrieved images (config gallery_enabled, default true).
        """
    )

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Open the page in the default browser afterwards (xdg-open, or open on macOS).")
    var open = false

    @Option(help: ArgumentHelp("Write the gallery to this folder instead of <images root>/gallery.", valueName: "dir"))
    var out: String?

    @Flag(help: "Render every card again (existing thumbnails are kept).")
    var rebuild = false

    func run() throws {
        guard let context = try CommandContext.openExisting(options) else {
            print("No jobs yet: there is no job database, so there is nothing to show.")
            return
        }
        let folder = out.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath,
                                                                         isDirectory: true)).standardizedFileURL }
            ?? context.config.galleryFolder
        let update: GalleryUpdate
        do throws(GalleryError) {
            update = try GalleryBuilder(store: context.store, folder: folder).update(rebuild: rebuild)
        } catch {
            // An unusable folder is the user's to fix (exit 2); anything else is ErrorMapping's.
            if case .folder(let path, let reason) = error { throw CommandFailure.configuration("--out \(path): \(reason)") }
            throw error
        }
        if update.unchanged {
            print("Gallery up to date: \(update.page.path)")
        } else {
            print("Gallery written: \(update.page.path) (\(update.jobs) jobs, \(update.cards) cards; "
                  + "\(update.renderedCards) cards rendered, \(update.thumbnailsMade) thumbnails made)")
        }
        for missing in update.missingPreviews {
            Terminal.warning("no preview for \(missing)")
        }
        if open { openInBrowser(update.page) }
    }

    /// Hands the page to the desktop's opener; without one, says where the page is (not an error).
    private func openInBrowser(_ page: URL) {
        #if os(macOS)
        let opener: String? = "/usr/bin/open"
        #else
        let opener = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"].first { FileManager.default.isExecutableFile(atPath: $0) }
        #endif
        guard let opener else {
            print("No xdg-open here; open \(page.absoluteString) in a browser.")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [page.path]
        do { try process.run() } catch {
            Terminal.warning("could not start \(opener): \(error.localizedDescription)")
        }
    }
}
