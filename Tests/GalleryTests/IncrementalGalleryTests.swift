import Foundation
import Testing
@testable import Gallery

@Suite("Gallery page", .serialized)
struct IncrementalGalleryTests {
    private func modificationTime(_ url: URL) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }

    private func thumbnails(_ builder: GalleryBuilder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: builder.thumbnailsFolder.path).filter { $0.hasSuffix(".webp") }.sorted()
    }

    @Test("the page holds every card, newest job first, failed items with their reason, user text escaped")
    func pageContent() throws {
        let fixture = try GalleryFixture()
        let old = Date(timeIntervalSince1970: 1_780_000_000)
        try fixture.addCompletedJob(prompts: ["an old frog"], title: "Old", submittedAt: old)
        try fixture.addCompletedJob(prompts: ["<script>alert(1)</script> frog", "a blocked one", "a third"],
                                    failed: [1: "blocked: PROHIBITED_CONTENT"], title: "New <b>bold</b>",
                                    submittedAt: old.addingTimeInterval(3600))
        try fixture.addFailedJob(reason: "batch failed: quota exceeded", submittedAt: old.addingTimeInterval(60))
        let update = try GalleryBuilder(store: fixture.store, folder: fixture.galleryFolder).update()
        #expect(update.cards == 5 && update.jobs == 3 && update.thumbnailsMade == 3 && update.missingPreviews.isEmpty)
        let html = try String(contentsOf: update.page, encoding: .utf8)
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; frog"))
        #expect(html.contains("New &lt;b&gt;bold&lt;/b&gt; 0"))
        #expect(html.contains("data-status=\"blocked\"") && html.contains("blocked: PROHIBITED_CONTENT"))
        #expect(html.contains("batch failed: quota exceeded"))
        // Newest first: the three-image job, then the failed one, then the old one.
        let new = try #require(html.range(of: "New &lt;b&gt;")), failed = try #require(html.range(of: "a failed prompt"))
        let oldTitle = try #require(html.range(of: ">Old 0<"))
        #expect(new.lowerBound < failed.lowerBound && failed.lowerBound < oldTitle.lowerBound)
        // Links: relative, percent-encoded (the folder and file names hold spaces and #).
        #expect(html.contains("href=\"../original%20files/req_0%20%23"))
        #expect(!html.contains(fixture.root.path))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test("an unchanged database writes nothing; new images render only their own cards and thumbnails")
    func incremental() throws {
        let fixture = try GalleryFixture()
        for index in 0..<5 { try fixture.addCompletedJob(prompts: (0..<4).map { "job \(index) prompt \($0)" }) }
        let builder = GalleryBuilder(store: fixture.store, folder: fixture.galleryFolder)
        let first = try builder.update()
        #expect(first.renderedCards == 20 && first.thumbnailsMade == 20 && first.renderedJobs == 5)
        let thumbs = try thumbnails(builder)
        let thumbTimes = try thumbs.map { try modificationTime(builder.thumbnailsFolder.appendingPathComponent($0)) }
        let pageTime = try modificationTime(builder.page)

        let idle = try builder.update()
        #expect(idle.unchanged && idle.renderedCards == 0)
        #expect(try modificationTime(builder.page) == pageTime)

        try fixture.addCompletedJob(prompts: ["late 1", "late 2"])
        let second = try builder.update()
        #expect(!second.unchanged)
        #expect(second.renderedCards == 2 && second.renderedJobs == 1 && second.thumbnailsMade == 2 && second.cards == 22)
        let after = try thumbnails(builder)
        #expect(after.count == thumbs.count + 2)
        for (name, time) in zip(thumbs, thumbTimes) {
            #expect(try modificationTime(builder.thumbnailsFolder.appendingPathComponent(name)) == time, "\(name) was rewritten")
        }
        let html = try String(contentsOf: builder.page, encoding: .utf8)
        #expect(html.contains("late 2") && html.contains("job 0 prompt 3"))

        // A rebuild renders everything again but makes no thumbnail that exists.
        let rebuilt = try builder.update(rebuild: true)
        #expect(rebuilt.renderedCards == 22 && rebuilt.thumbnailsMade == 0)
        #expect(try String(contentsOf: builder.page, encoding: .utf8).count == html.count)
    }

    @Test("a cache made for another folder is not used: its links would point elsewhere")
    func cacheBelongsToItsFolder() throws {
        let fixture = try GalleryFixture()
        try fixture.addCompletedJob(prompts: ["one"])
        let first = try GalleryBuilder(store: fixture.store, folder: fixture.galleryFolder).update()
        #expect(first.renderedCards == 1)
        let moved = fixture.root.appendingPathComponent("elsewhere/deeper gallery")
        try FileManager.default.createDirectory(at: moved, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixture.galleryFolder.appendingPathComponent(".cache"), to: moved.appendingPathComponent(".cache"))
        let second = try GalleryBuilder(store: fixture.store, folder: moved).update()
        #expect(second.renderedCards == 1)
        #expect(try String(contentsOf: second.page, encoding: .utf8).contains("href=\"../../original%20files/"))
    }

    @Test("an image whose file is gone gets a card saying so, not a broken thumbnail")
    func missingFile() throws {
        let fixture = try GalleryFixture()
        try fixture.addCompletedJob(prompts: ["will vanish"])
        let image = try #require(try fixture.store.images(jobID: "batches/fixture 1").first)
        try FileManager.default.removeItem(atPath: try #require(image.originalPath))
        let update = try GalleryBuilder(store: fixture.store, folder: fixture.galleryFolder).update()
        #expect(update.thumbnailsMade == 0 && update.missingPreviews.count == 1)
        let html = try String(contentsOf: update.page, encoding: .utf8)
        #expect(html.contains("no preview") && html.contains("is missing") && !html.contains("<img"))
    }

    @Test("a file where the folder should be is a clear error")
    func folderIsAFile() throws {
        let fixture = try GalleryFixture()
        let file = fixture.root.appendingPathComponent("not a folder")
        try Data("x".utf8).write(to: file)
        #expect(throws: GalleryError.folder(path: file.path, reason: "is a file, not a folder; name another with --out")) {
            try GalleryBuilder(store: fixture.store, folder: file).update()
        }
    }
}
