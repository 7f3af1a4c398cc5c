import Foundation
import LegacyFormat
import OrderedJSON
import Submission
import Testing

/// The parts of submit that need no service: sniffing reference images by their bytes, the metadata schema
/// (defaults as the old tool filled them; one request's view for its sidecars).
@Suite struct SubmissionUnitTests {
    static func isoBox(major: String, compatible: [String]) -> Data {
        let size = 16 + 4 * compatible.count
        var data = Data([0, 0, 0, UInt8(size)]) + Data("ftyp\(major)".utf8) + Data([0, 0, 0, 0])
        for brand in compatible { data += Data(brand.utf8) }
        return data + Data(repeating: 7, count: 32)
    }

    @Test func referenceImagesAreKnownByTheirBytesNotTheirNames() {
        #expect(ReferenceImage.sniff(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])) == "image/png")
        #expect(ReferenceImage.sniff(Data([0xFF, 0xD8, 0xFF, 0xDB])) == "image/jpeg")
        #expect(ReferenceImage.sniff(Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == "image/webp")
        #expect(ReferenceImage.sniff(Self.isoBox(major: "heic", compatible: ["mif1", "heic"])) == "image/heic")
        #expect(ReferenceImage.sniff(Self.isoBox(major: "mif1", compatible: ["heic"])) == "image/heic")
        #expect(ReferenceImage.sniff(Self.isoBox(major: "mif1", compatible: ["miaf"])) == "image/heif")
        #expect(ReferenceImage.sniff(Self.isoBox(major: "avif", compatible: ["mif1"])) == nil, "AVIF is not HEIF")
        #expect(ReferenceImage.sniff(Self.isoBox(major: "mif1", compatible: ["avif"])) == nil)
        #expect(ReferenceImage.sniff(Data("GIF89a".utf8)) == nil)
        #expect(ReferenceImage.sniff(Data()) == nil)
    }

    @Test func emptyFieldsAreFilledAsTheOldToolFilledThem() throws {
        let prompt = String(repeating: "ab", count: 150)
        let request = SubmittedRequest(key: "req_0", prompt: prompt, title: "", quality: "pro", imageSize: "1K",
                                       submittedAt: Date(timeIntervalSince1970: 1_770_498_000))
        #expect(request.title.wholeMatch(of: /AI-generated image - 2026-02-0[78] \d{2}:\d{2}/) != nil, "\(request.title)")
        #expect(request.description == String(prompt.prefix(200)))
        #expect(request.alternativeText == "AI-generated image: " + String(prompt.prefix(100)))
        #expect(request.caption == request.title)
        #expect(request.aspectRatio == "1:1")
        let given = SubmittedRequest(key: "req_1", prompt: "p", title: "T", description: "D", alternativeText: "A",
                                     caption: "C", quality: "fast", imageSize: "large", submittedAt: Date())
        #expect([given.title, given.description, given.alternativeText, given.caption] == ["T", "D", "A", "C"])
    }

    @Test func eachImageSeesItsOwnRequestOverTheJob() throws {
        let first = SubmittedRequest(key: "req_0", prompt: "one", title: "First", quality: "pro", imageSize: "1K", cost: 0.1,
                                     submittedAt: Date())
        let second = SubmittedRequest(key: "req_1", prompt: "two", title: "Second", quality: "pro", imageSize: "xlarge",
                                      referenceImagePaths: ["/refs/a.png"], cost: 0.2, submittedAt: Date())
        let metadata = RequestMetadata.submission(requests: [first, second], model: "gemini-3-pro-image", convertToWebP: true,
                                                  webpQuality: 90, estimatedCostUSD: 0.3, priceTableAsOf: "2026-12-01")
        #expect(metadata.title == "First" && metadata.estimatedCostUSD == 0.3 && metadata.webpQuality == 90)
        let view = metadata.forRequest(key: "req_1")
        #expect(view.prompt == "two" && view.title == "Second" && view.imageSize == "xlarge")
        #expect(view.cost == JSONValue(0.2) && view.referenceImagePaths == ["/refs/a.png"])
        #expect(view.convertToWebP && view.model == "gemini-3-pro-image", "job-level keys stay")
        #expect(view.object["requests"] == nil)
        #expect(metadata.forRequest(key: "req_9") == metadata, "no entry: the job's metadata as it is")
    }
}
