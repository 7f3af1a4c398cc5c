import Foundation
import Testing
import PFCConfig

@Suite("gallery_enabled and metrics_file")
struct GalleryMetricsConfigTests {
    private func load(_ json: String) throws -> (Config, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-config-gm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.json")
        try json.write(to: file, atomically: true, encoding: .utf8)
        return (try Config.load(explicitPath: file.path, environment: ["HOME": "/home/frog"], currentDirectory: "/"), folder)
    }

    @Test("defaults: the gallery is on (under the images root), no metrics file")
    func defaults() throws {
        let (config, _) = try load(#"{"generated_images_path": "/srv/my images"}"#)
        #expect(config.galleryEnabled)
        #expect(config.galleryFolder.path == "/srv/my images/gallery")
        #expect(config.metricsFile == nil)
    }

    @Test("both keys are read; a relative metrics file follows the config file, ~ the home folder")
    func reads() throws {
        let (config, folder) = try load(#"{"gallery_enabled": false, "metrics_file": "metrics/pfc_jobs.prom"}"#)
        #expect(!config.galleryEnabled)
        #expect(config.metricsFile?.path == folder.appendingPathComponent("metrics/pfc_jobs.prom").path)
        let (home, _) = try load(#"{"metrics_file": "~/textfile/pfc_jobs.prom"}"#)
        #expect(home.metricsFile?.path == "/home/frog/textfile/pfc_jobs.prom")
    }

    @Test("a metrics file node_exporter would ignore, or a wrong type, is an error naming the key")
    func refuses() throws {
        #expect { try load(#"{"metrics_file": "pfc_jobs.txt"}"#) } throws: { error in
            "\(error)".contains("\"metrics_file\" is \"pfc_jobs.txt\", allowed a file name ending in .prom")
        }
        #expect { try load(#"{"gallery_enabled": "yes"}"#) } throws: { error in "\(error)".contains("gallery_enabled") }
    }
}
