// bench-driver: drives the GeminiBatch client for bench/client.sh against a running emulator (or any server
// that speaks the Batch API). Prints `key=value` figures; never fails on speed. The API key comes only from
// GEMINI_API_KEY in the environment, never from argv.
//
//   bench-driver status-calls BASE_URL NAMES_FILE CONCURRENCY
//       GET every batch named in NAMES_FILE (one per line) one after another, then all of them again through
//       getBatches(maxConcurrent: CONCURRENCY); print both wall times and their ratio
//   bench-driver download BASE_URL FILE_NAME FOLDER
//       stream responses file FILE_NAME (files/...) to FOLDER with downloadResponsesFile; print seconds,
//       bytes, MB/s and this process's peak RSS before and after; the downloaded file is removed
import Foundation
import GeminiBatch

let usage = """
    usage: bench-driver status-calls BASE_URL NAMES_FILE CONCURRENCY
           bench-driver download BASE_URL FILE_NAME FOLDER
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bench-driver: \(message)\n".utf8))
    exit(2)
}

/// Peak resident set size of this process in MiB, from the kernel's high-water mark (VmHWM).
func peakRSSMiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    let kib = line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? -1
    return kib < 0 ? -1 : kib / 1024
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func makeClient(baseURL: String, workers: Int, downloadFolder: URL? = nil) -> GeminiBatchClient {
    guard let key = ProcessInfo.processInfo.environment["GEMINI_API_KEY"], !key.isEmpty else {
        fail("GEMINI_API_KEY is not set")
    }
    let configuration = GeminiClientConfiguration(baseURL: baseURL, maxConcurrentTransfers: workers,
                                                  downloadDirectory: downloadFolder)
    return GeminiBatchClient(apiKey: APIKey(key), configuration: configuration)
}

func statusCalls(baseURL: String, namesFile: String, concurrency: Int) async {
    guard let text = try? String(contentsOfFile: namesFile, encoding: .utf8) else { fail("cannot read \(namesFile)") }
    let names = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    // getBatches asks each distinct name once; duplicates would make the two figures incomparable.
    guard Set(names).count == names.count, !names.isEmpty else { fail("\(namesFile): needs distinct batch names") }
    let client = makeClient(baseURL: baseURL, workers: concurrency)

    let sequentialStart = ContinuousClock.now
    var sequentialFailures = 0
    for name in names {
        do { _ = try await client.getBatch(name) } catch { sequentialFailures += 1 }
    }
    let sequential = seconds(since: sequentialStart)

    let concurrentStart = ContinuousClock.now
    let results = await client.getBatches(names, maxConcurrent: concurrency)
    let concurrent = seconds(since: concurrentStart)
    let concurrentFailures = results.values.filter { (try? $0.get()) == nil }.count

    print(String(format: "status_calls=%d sequential_s=%.2f concurrent_s=%.2f concurrency=%d ratio=%.1fx failures=%d/%d",
                 names.count, sequential, concurrent, concurrency, sequential / concurrent,
                 sequentialFailures, concurrentFailures))
}

func download(baseURL: String, fileName: String, folder: String) async {
    let folderURL = URL(fileURLWithPath: folder, isDirectory: true)
    let client = makeClient(baseURL: baseURL, workers: 1, downloadFolder: folderURL)
    let rssBefore = peakRSSMiB()
    let start = ContinuousClock.now
    let file: TemporaryFile
    do {
        file = try await client.downloadResponsesFile(fileName)
    } catch {
        fail("download of \(fileName) failed: \(error)")
    }
    let elapsed = seconds(since: start)
    let bytes = (try? FileManager.default.attributesOfItem(atPath: file.url.path)[.size] as? Int) ?? 0
    print(String(format: "download_bytes=%d download_s=%.2f download_mb_per_s=%.0f peak_rss_mib_before=%d peak_rss_mib_after=%d",
                 bytes, elapsed, Double(bytes) / 1_048_576 / elapsed, rssBefore, peakRSSMiB()))
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "status-calls":
    guard arguments.count == 4, let concurrency = Int(arguments[3]), concurrency >= 1 else { fail(usage) }
    await statusCalls(baseURL: arguments[1], namesFile: arguments[2], concurrency: concurrency)
case "download":
    guard arguments.count == 4 else { fail(usage) }
    await download(baseURL: arguments[1], fileName: arguments[2], folder: arguments[3])
default:
    fail(usage)
}
