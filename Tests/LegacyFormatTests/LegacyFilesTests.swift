import Foundation
import Testing
import TestSupport
import OrderedJSON
@testable import LegacyFormat

@Suite struct LegacyTimeTests {
    @Test(arguments: ["2026-02-07T21:00:00.123456", "2026-02-07T21:00:00", "2026-07-01T03:04:05.000001",
                      "1999-12-31T23:59:59.999999"])
    func roundTripsLocalTimes(text: String) throws {
        let micros = try #require(LegacyTime.parse(text))
        #expect(LegacyTime.format(micros) == text)
    }

    @Test func acceptsZonesSpacesAndShortFractions() throws {
        #expect(LegacyTime.parse("1970-01-01T00:00:01Z") == 1_000_000)
        #expect(LegacyTime.parse("1970-01-01T01:00:01+01:00") == 1_000_000)
        #expect(LegacyTime.parse("1970-01-01T00:00:01.5Z") == 1_500_000)
        #expect(LegacyTime.parse("1970-01-01T00:00:01.1234567Z") == 1_123_456)
        #expect(LegacyTime.parse("2026-02-07 21:00:00") == LegacyTime.parse("2026-02-07T21:00:00"))
    }

    @Test(arguments: ["", "yesterday", "2026-13-01T00:00:00", "2026-02-07T21", "2026-02-07T21:00:00.", "2026-02-07T21:00:00junk"])
    func rejectsNonTimes(text: String) {
        #expect(LegacyTime.parse(text) == nil)
    }
}

@Suite struct TrackingFileTests {
    @Test func parsesEntriesKeepingUnknownFieldsAndOrder() throws {
        let text = """
        {
          "batches/4m855v7q30kc7gtzcigdg9m72o87s08w33vp": {
            "batch_job_id": "batches/4m855v7q30kc7gtzcigdg9m72o87s08w33vp",
            "status": "pending", "submitted_at": "2026-02-07T21:00:00.123456",
            "last_checked": null, "completed_at": null, "retrieved": false, "check_count": 0,
            "wordpress_post": 12, "notes": {"a": [1, 2]}
          },
          "batch_20260207_210000": {"status": "completed", "retrieved": true}
        }
        """
        let entries = try TrackingFile.parse(Data(text.utf8), file: "t.json")
        #expect(entries.map(\.id) == ["batches/4m855v7q30kc7gtzcigdg9m72o87s08w33vp", "batch_20260207_210000"])
        #expect(entries[0].submittedAt == LegacyTime.parse("2026-02-07T21:00:00.123456"))
        #expect(entries[0].extraFields.keys == ["wordpress_post", "notes"])
        #expect(entries[1].checkCount == nil)
        #expect(entries[1].retrieved == true)
    }

    @Test func renderThenParseIsTheSame() throws {
        var extra = JSONObject()
        extra["x"] = JSONValue("kept")
        let entries = [
            TrackingEntry(id: "batches/a", status: "pending", submittedAt: LegacyTime.parse("2026-02-07T21:00:00.5"),
                          retrieved: false, checkCount: 2, extraFields: extra),
            TrackingEntry(id: "legacy_1", status: "completed", submittedAt: nil, lastChecked: LegacyTime.parse("2026-02-08T09:00:00"),
                          completedAt: LegacyTime.parse("2026-02-08T09:00:00"), retrieved: true, checkCount: 5),
        ]
        let bytes = TrackingFile.render(entries)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"batches/a\": {\n    \"batch_job_id\": \"batches/a\",\n    \"status\": \"pending\","))
        #expect(text.contains("\"check_count\": 2,\n    \"x\": \"kept\"\n  }"))
        #expect(try TrackingFile.parse(Data(bytes), file: "t") == entries)
    }

    @Test(arguments: [
        ("not json", "t.json: not valid JSON"),
        ("[1]", "t.json: expected a JSON object at the top level"),
        (#"{"a": 3}"#, #"t.json: entry "a" must be an object, found a number"#),
        (#"{"a": {"check_count": "3"}}"#, #"t.json: entry "a": field "check_count" must be a whole number >= 0, found "3""#),
        (#"{"a": {"retrieved": "yes"}}"#, #"entry "a": field "retrieved" must be true or false"#),
        (#"{"a": {"status": 1}}"#, #"entry "a": field "status" must be a string, found 1"#),
        (#"{"a": {"submitted_at": "last week"}}"#, #"entry "a": field "submitted_at" is not an ISO-8601 time"#),
        (#"{"a": {"batch_job_id": 7}}"#, #"field "batch_job_id" must be a string"#),
    ])
    func badInputNamesFileEntryAndField(text: String, message: String) {
        do {
            _ = try TrackingFile.parse(Data(text.utf8), file: "t.json")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func emptyOrMissingFileHasNoEntries() throws {
        #expect(try TrackingFile.parse(Data("  \n".utf8), file: "t").isEmpty)
        #expect(try TrackingFile.read(at: URL(fileURLWithPath: "/nonexistent/t.json")).isEmpty)
    }
}

@Suite struct BatchMetadataFolderTests {
    @Test func readsFlatAndNestedFilesAndKeepsIdsInside() throws {
        let scratch = try TemporaryFolder("pfc-meta")
        let folder = scratch.url
        var request = JSONObject()
        request["prompt"] = JSONValue("A frog")
        try BatchMetadataFolder.write(request, forJob: "batches/abc", in: folder)
        try BatchMetadataFolder.write(request, forJob: "batch_20260207_210000", in: folder)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("batches/abc.json").path))
        let all = try BatchMetadataFolder.readAll(in: folder)
        #expect(Set(all.keys) == ["batches/abc", "batch_20260207_210000"])
        #expect(RequestMetadata(all["batches/abc"]!).prompt == "A frog")
        let escaped = BatchMetadataFolder.fileURL(forJob: "../../etc/passwd", in: folder)
        #expect(escaped.standardizedFileURL.path.hasPrefix(folder.standardizedFileURL.path))
    }

    @Test func aFileThatIsNotJSONIsNamed() throws {
        let scratch = try TemporaryFolder("pfc-meta")
        let folder = scratch.appending("batches")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "{oops".write(to: folder.appendingPathComponent("x.json"), atomically: true, encoding: .utf8)
        do {
            _ = try BatchMetadataFolder.readAll(in: folder.deletingLastPathComponent())
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("batches/x.json: not valid JSON"))
        }
    }
}

@Suite struct SidecarTests {
    @Test func legacyDefaultsAndKeptForeignKeys() throws {
        var object = JSONObject()
        object["prompt"] = JSONValue("A frog")
        object["reference_image_paths"] = .array([JSONValue("~/refs/a.png")])
        let request = RequestMetadata(object)
        let created = Date(timeIntervalSince1970: 1_770_000_000)
        let original = Sidecar.original(request: request, model: "gemini-3-pro-image-preview", created: created)
        #expect(original.keys == ["date_time_created", "prompt", "title", "description", "alternative_text", "caption",
                                  "provider", "model", "aspect_ratio", "image_size", "quality", "cost", "reference_images"])
        #expect(original["aspect_ratio"] == JSONValue("1:1"))
        #expect(original["cost"] == .number(JSONNumber(0.0)!))
        let webp = Sidecar.webp(from: original, quality: 85, created: created)
        #expect(webp["quality"] == JSONValue(85))

        let scratch = try TemporaryFolder("pfc-sidecar")
        let file = scratch.appending("sidecar.json")
        // A sidecar an earlier run wrote (same prompt and model), to which a WordPress tool added its id.
        try #"{"prompt": "A frog", "model": "gemini-3-pro-image-preview", "title": "old", "wordpress_media_id": 42}"#
            .write(to: file, atomically: true, encoding: .utf8)
        try Sidecar.write(original, to: file)
        let written = try BatchMetadataFolder.read(file)
        #expect(written["wordpress_media_id"] == JSONValue(42))
        #expect(written["title"] == JSONValue(""))
    }
}
