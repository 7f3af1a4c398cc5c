import Foundation
import Testing
@testable import GeminiBatch
#if canImport(Glibc)
import Glibc
#endif

/// Figures for `bench/gemini-client.sh`; off unless GEMINI_CLIENT_BENCH=1. They print, and check only
/// correctness: speed is never a test verdict.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GEMINI_CLIENT_BENCH"] == "1"), .serialized)
struct ClientBenchmarks {
    @Test func downloadOfALargeResponsesFile() async throws {
        let megabytes = Int(ProcessInfo.processInfo.environment["BENCH_DOWNLOAD_MB"] ?? "") ?? 1024
        // One responses-file line of about 1 MB (a 750 kB image), repeated.
        let (line, _) = HTTPClientTests.responsesFileBody(lines: 1, imageBytes: 786_000)
        let repeats = megabytes * 1_048_576 / line.count
        let server = try LoopbackHTTPServer(sequence: [], fallback: .repeated(status: 200, unit: line, repeats: repeats))
        defer { server.stop() }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = HTTPClientTests.client(server, downloadDirectory: folder)
        let rssBefore = peakRSSMegabytes()
        let clock = ContinuousClock()
        let start = clock.now
        let file = try await client.downloadResponsesFile("files/big")
        let url = file.url
        let downloadTime = clock.now - start
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        #expect(size == line.count * repeats)
        let rssAfterDownload = peakRSSMegabytes()

        let readStart = clock.now
        var images = 0
        for item in try ResponsesFileReader(url: url) {
            if case .images = item.outcome { images += 1 }
        }
        let readTime = clock.now - readStart
        #expect(images == repeats)
        print(String(format: "BENCH download: %.0f MB in %.2f s (%.0f MB/s); peak RSS %d MB before, %d MB after download; reading %d items back %.2f s, peak RSS %d MB",
                     Double(size) / 1_048_576, seconds(downloadTime), Double(size) / 1_048_576 / seconds(downloadTime),
                     rssBefore, rssAfterDownload, images, seconds(readTime), peakRSSMegabytes()))
    }

    @Test func statusCallsSequentialVersusConcurrent() async throws {
        let calls = Int(ProcessInfo.processInfo.environment["BENCH_STATUS_CALLS"] ?? "") ?? 1000
        let concurrency = 8
        let server = try LoopbackHTTPServer { request, _ in
            let name = String(request.target.dropFirst("/v1beta/".count))
            return .delayed(seconds: 0.02, then: .json(200, #"{"name": "\#(name)", "metadata": {"state": "BATCH_STATE_RUNNING"}}"#))
        }
        defer { server.stop() }
        let client = HTTPClientTests.client(server, workers: concurrency)
        let names = (0..<calls).map { "batches/job\($0)" }

        let clock = ContinuousClock()
        let sequentialStart = clock.now
        for name in names { _ = try await client.getBatch(name) }
        let sequential = clock.now - sequentialStart

        let concurrentStart = clock.now
        let results = await client.getBatches(names, maxConcurrent: concurrency)
        let concurrent = clock.now - concurrentStart
        #expect(results.values.allSatisfy { (try? $0.get()) != nil })
        print(String(format: "BENCH status calls: %d calls, 20 ms latency: sequential %.2f s, %d concurrent %.2f s, ratio %.1fx, connections %d",
                     calls, seconds(sequential), concurrency, seconds(concurrent), seconds(sequential) / seconds(concurrent),
                     server.connectionsAccepted))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func peakRSSMegabytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1024
    }
}
