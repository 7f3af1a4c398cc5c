import CCurl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One blocking transfer on a worker thread's easy handle.
enum CurlTransfer {
    /// Error bodies are small JSON; anything past this is dropped rather than buffered.
    static let errorBodyLimit = 1 << 20

    static func run(_ transfer: HTTPTransfer, settings: TransportSettings,
                    on handle: UnsafeMutableRawPointer) -> Result<HTTPResponse, TransferFailure> {
        let sink = ResponseSink(handle: handle, maxBodyBytes: transfer.maxBodyBytes, progress: transfer.progress)
        if case .file(let url) = transfer.destination {
            // O_NOFOLLOW: a symlink planted at the download's name is refused, never written through.
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else {
                return .failure(TransferFailure(curlCode: Int(CURLE_WRITE_ERROR.rawValue),
                                                message: "cannot create \(url.path): \(String(cString: strerror(errno)))",
                                                requestSent: false))
            }
            sink.fileDescriptor = descriptor
        }
        defer {
            if sink.fileDescriptor >= 0 { close(sink.fileDescriptor) }
        }

        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in transfer.headers { headerList = curl_slist_append(headerList, header) }
        defer { curl_slist_free_all(headerList) }

        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }

        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        _ = pfc_curl_setopt_string(handle, CURLOPT_URL, transfer.url)
        _ = pfc_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        // Redirects are followed by the client itself (see `redirected(_:to:)`), never by curl.
        _ = pfc_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = pfc_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = pfc_curl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
        if transfer.freshConnection { _ = pfc_curl_setopt_long(handle, CURLOPT_FRESH_CONNECT, 1) }
        _ = pfc_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(settings.connectTimeout))
        _ = pfc_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(transfer.totalTimeout))
        _ = pfc_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, settings.lowSpeedLimit)
        _ = pfc_curl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Int(settings.lowSpeedTime.rounded(.up))))
        _ = pfc_curl_setopt_string(handle, CURLOPT_USERAGENT, settings.userAgent)
        _ = pfc_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
        _ = pfc_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = pfc_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, writeCallback)
        _ = pfc_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
        _ = pfc_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, headerCallback)
        _ = pfc_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer)
        if transfer.progress != nil {
            _ = pfc_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
            _ = pfc_curl_setopt_xferinfo_callback(handle, progressCallback)
            _ = pfc_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, sinkPointer)
        }

        let bodyReader: FileRangeReader?
        if let range = transfer.bodyFile {
            guard let reader = FileRangeReader(range) else {
                return .failure(TransferFailure(curlCode: Int(CURLE_READ_ERROR.rawValue),
                                                message: "cannot read \(range.path): \(String(cString: strerror(errno)))",
                                                requestSent: false))
            }
            bodyReader = reader
        } else {
            bodyReader = nil
        }
        let body = transfer.body ?? Data()
        let code: CURLcode = body.withUnsafeBytes { bytes in
            var emptyBody: CChar = 0
            switch transfer.method {
            case .get:
                _ = pfc_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
            case .delete:
                _ = pfc_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, "DELETE")
            case .post where bodyReader != nil:
                _ = pfc_curl_setopt_long(handle, CURLOPT_POST, 1)
                _ = pfc_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bodyReader!.range.length))
                _ = pfc_curl_setopt_data_callback(handle, CURLOPT_READFUNCTION, readCallback)
                _ = pfc_curl_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(bodyReader!).toOpaque())
            case .post:
                _ = pfc_curl_setopt_long(handle, CURLOPT_POST, 1)
                _ = pfc_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
                // curl reads the body in place during perform, which runs inside this closure.
                let pointer = bytes.count > 0 ? UnsafeMutableRawPointer(mutating: bytes.baseAddress!) : nil
                _ = withUnsafeMutablePointer(to: &emptyBody) { empty in
                    pfc_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, pointer ?? UnsafeMutableRawPointer(empty))
                }
            }
            return withExtendedLifetime((emptyBody, bodyReader)) { curl_easy_perform(handle) }
        }

        if code != CURLE_OK {
            var requestSize = 0
            _ = pfc_curl_getinfo_long(handle, CURLINFO_REQUEST_SIZE, &requestSize)
            let detail = String(cString: errorBuffer)
            var message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            if let writeError = sink.writeError { message = writeError }
            if let readError = bodyReader?.readError { message = readError }
            return .failure(TransferFailure(curlCode: Int(code.rawValue), message: message, requestSent: requestSize > 0,
                                            tooLarge: sink.tooLarge))
        }
        var status = 0
        _ = pfc_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        if transfer.syncFile, sink.fileDescriptor >= 0, (200..<300).contains(status), fsync(sink.fileDescriptor) != 0 {
            return .failure(TransferFailure(curlCode: Int(CURLE_WRITE_ERROR.rawValue),
                                            message: "fsync failed: \(String(cString: strerror(errno)))",
                                            requestSent: true))
        }
        return .success(HTTPResponse(status: status, headers: sink.headers, body: sink.body,
                                     bytesWrittenToFile: sink.bytesWrittenToFile))
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        seconds <= 0 ? 0 : max(1, Int((seconds * 1000).rounded()))
    }
}

/// Collects one response on the worker thread; reached from curl's callbacks through an unretained pointer
/// that lives only for the duration of `curl_easy_perform`.
private final class ResponseSink {
    let handle: UnsafeMutableRawPointer
    var fileDescriptor: Int32 = -1
    var status = 0
    var headers: [String: String] = [:]
    var body = Data()
    var bytesWrittenToFile: Int64 = 0
    var writeError: String?
    let maxBodyBytes: Int64
    var receivedBytes: Int64 = 0
    var tooLarge = false
    let progress: TransferProgress?

    init(handle: UnsafeMutableRawPointer, maxBodyBytes: Int64, progress: TransferProgress?) {
        self.handle = handle
        self.maxBodyBytes = maxBodyBytes
        self.progress = progress
    }

    func receiveHeader(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            // A new status line (after 100 Continue, say) starts a fresh header set.
            headers = [:]
            let fields = trimmed.split(separator: " ")
            status = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = trimmed[..<colon].lowercased()
        let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        headers[name] = value
    }

    /// Returns false to make curl abort the transfer (CURLE_WRITE_ERROR).
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let successful = (200..<300).contains(status)
        if successful {
            receivedBytes += Int64(bytes.count)
            if receivedBytes > maxBodyBytes {
                tooLarge = true
                writeError = "the answer is larger than \(maxBodyBytes) bytes"
                return false
            }
        }
        if fileDescriptor >= 0, successful {
            var offset = 0
            while offset < bytes.count {
                let written = write(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    writeError = "writing the download failed: \(String(cString: strerror(errno)))"
                    return false
                }
                offset += written
            }
            bytesWrittenToFile += Int64(bytes.count)
            return true
        }
        if body.count < CurlTransfer.errorBodyLimit || (fileDescriptor < 0 && successful) {
            body.append(bytes.bindMemory(to: UInt8.self))
        }
        return true
    }
}

/// Feeds curl an upload chunk from its file, one `pread` at a time, so the chunk is never held in memory.
private final class FileRangeReader {
    let range: FileRange
    private let descriptor: Int32
    private var sent: Int64 = 0
    var readError: String?

    init?(_ range: FileRange) {
        self.range = range
        descriptor = open(range.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
    }

    deinit {
        close(descriptor)
    }

    /// Bytes put into `buffer`; 0 at the end; nil on a read error (the transfer is aborted).
    func fill(_ buffer: UnsafeMutableRawPointer, capacity: Int) -> Int? {
        let wanted = Int(min(Int64(capacity), range.length - sent))
        guard wanted > 0 else { return 0 }
        while true {
            let count = pread(descriptor, buffer, wanted, off_t(range.offset + sent))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                readError = count == 0 ? "\(range.path) ended before the chunk did"
                    : "reading \(range.path) failed: \(String(cString: strerror(errno)))"
                return nil
            }
            sent += Int64(count)
            return count
        }
    }
}

private let readCallback: pfc_curl_data_callback = { buffer, size, count, context in
    guard let buffer, let context else { return 0 }
    let reader = Unmanaged<FileRangeReader>.fromOpaque(context).takeUnretainedValue()
    // CURL_READFUNC_ABORT: a C macro Swift does not import.
    return reader.fill(buffer, capacity: size * count).map { $0 } ?? 0x1000_0000
}

private let writeCallback: pfc_curl_data_callback = { data, size, count, context in
    let total = size * count
    guard let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    guard total > 0, let data else { return total }
    return sink.receiveBody(UnsafeRawBufferPointer(start: data, count: total)) ? total : 0
}

private let progressCallback: pfc_curl_xferinfo_callback = { context, downloadTotal, downloadNow, _, _ in
    guard let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    if (200..<300).contains(sink.status) { sink.progress?(Int64(downloadNow), Int64(downloadTotal)) }
    return 0
}

private let headerCallback: pfc_curl_data_callback = { data, size, count, context in
    let total = size * count
    guard let context, let data else { return total }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: total), as: UTF8.self)
    sink.receiveHeader(line)
    return total
}
