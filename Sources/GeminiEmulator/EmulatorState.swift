import Foundation
import OrderedJSON

/// All mutable state of a running emulator: batches, files, scripts, counters and the live settings.
/// An actor, so the HTTP tasks of concurrent connections see one consistent service.
actor EmulatorState {
    private let initialConfiguration: EmulatorConfiguration
    var configuration: EmulatorConfiguration
    let workDirectory: URL

    private var batches: [String: EmulatedBatch] = [:]
    /// Creation order, which is also list order.
    private var batchOrder: [String] = []
    private var files: [String: (url: URL, batchName: String)] = [:]
    private var scripts: [String: [ScriptedOutcome]] = [:]
    /// Resumable uploads under way (and finished ones, which still answer `query`), by session id.
    var uploadSessions: [String: UploadSession] = [:]
    /// Files finalized by an upload, by id (`files/<id>`); batches can be created from them.
    var uploadedFiles: [String: StoredFile] = [:]
    private var faultGenerator: SeededGenerator
    /// Batches whose results are being rendered right now.
    private var finishing: Set<String> = []
    var stats = EmulatorStats()

    init(configuration: EmulatorConfiguration, workDirectory: URL) {
        initialConfiguration = configuration
        self.configuration = configuration
        self.workDirectory = workDirectory
        faultGenerator = SeededGenerator(seed: configuration.seed ^ 0xFA17)
    }

    // MARK: counters and faults

    func recordAPIRequest(keyInURL: Bool) {
        stats.totalRequests += 1
        if keyInURL { stats.requestsWithKeyInURL += 1 }
    }

    /// Counts a request refused for its key under the refusal's own counter.
    func recordKeyRefusal(_ refusal: KeyRefusal) {
        stats.permissionDenied += 1
        switch refusal {
        case .missing: stats.apiKeyMissing += 1
        case .invalid: stats.apiKeyInvalid += 1
        case .expired: stats.apiKeyExpired += 1
        }
    }

    func recordRefusedCreate() { stats.refusedCreates += 1 }

    func recordModelCall(list: Bool) {
        if list { stats.modelLists += 1 } else { stats.modelGets += 1 }
    }

    func recordHang() { stats.hungRequests += 1 }

    func recordCall(_ batchName: String, _ counter: WritableKeyPath<EmulatorStats.BatchCalls, Int>) {
        stats.batches[batchName, default: EmulatorStats.BatchCalls()][keyPath: counter] += 1
    }

    /// Draws from the seeded generator once per API request, so the same seed gives the same fault sequence.
    func drawFault() -> FaultKind? {
        let kinds = FaultKind.allCases.filter { configuration.faultKinds.contains($0) }
        guard configuration.faultRate > 0, !kinds.isEmpty else { return nil }
        let roll = Double(faultGenerator.next() >> 11) / Double(1 << 53)
        guard roll < configuration.faultRate else { return nil }
        let kind = kinds[Int(faultGenerator.next() % UInt64(kinds.count))]
        stats.faultsInjected[kind.rawValue, default: 0] += 1
        return kind
    }

    /// Forgets every batch, file, script and counter and returns to the configuration given at start.
    func reset() {
        for file in files.values { try? FileManager.default.removeItem(at: file.url) }
        for batch in batches.values { Self.removeItemsFile(of: batch) }
        for session in uploadSessions.values { try? FileManager.default.removeItem(at: session.dataURL) }
        uploadSessions = [:]
        uploadedFiles = [:]
        batches = [:]
        batchOrder = []
        files = [:]
        scripts = [:]
        stats = EmulatorStats()
        configuration = initialConfiguration
        faultGenerator = SeededGenerator(seed: configuration.seed ^ 0xFA17)
    }

    func script(prompt: String, outcomes: [ScriptedOutcome]) {
        scripts[prompt] = outcomes
    }

    // MARK: the batch API

    /// Registers a new batch; the markers of its prompts (or exact-prompt scripts) that shape the whole batch
    /// are read now: output lag, status padding, a forced responses file, a hang.
    func create(model: String, request: BatchCreateRequest, apiKey: String?) -> JSONValue {
        var batch = EmulatedBatch(
            id: newBatchID(), model: model, displayName: request.displayName, items: request.items,
            requestCount: request.items.count, imageWidth: configuration.imageWidth,
            imageHeight: configuration.imageHeight, createTime: Date(), updateTime: Date(), state: .pending)
        batch.apiKey = apiKey
        if let inputFile = request.inputFileName {
            // As on the real service: file input gets its results as a responses file.
            batch.inputFileName = inputFile
            batch.forceResponsesFile = true
            stats.uploads.fileInputBatches += 1
        }
        applyBatchMarkers(to: &batch)
        insert(batch)
        recordCall(batch.name, \.creates)
        return batch.operation()
    }

    private func applyBatchMarkers(to batch: inout EmulatedBatch) {
        var lag = configuration.outputLagPolls
        for item in batch.items {
            let outcomes = scripts[item.prompt] ?? ScriptedOutcome.fromMarkers(in: item.prompt)
            let parameters = PromptParameters(prompt: item.prompt)
            lag = max(lag, parameters.outputLagPolls ?? 0)
            batch.statusPaddingBytes = max(batch.statusPaddingBytes, parameters.statusPaddingBytes ?? 0)
            if outcomes.contains(.responsesFile) { batch.forceResponsesFile = true }
            if outcomes.contains(.hang) { batch.hangMilliseconds = 3_600_000 }
            if let hold = parameters.hangMilliseconds { batch.hangMilliseconds = max(batch.hangMilliseconds ?? 0, hold) }
        }
        batch.outputLagPolls = max(batch.outputLagPolls, lag)
    }

    /// What a GET of a batch answers, once the poll has been counted.
    enum BatchAnswer: Sendable {
        case notFound
        case body(StreamedBody)
        /// Hold the request this long, then hang up without an answer.
        case hang(milliseconds: Int)
    }

    /// The batch after this poll has been counted: finished now if due; without output while its output lag
    /// lasts; padded while unfinished when asked to.
    func get(id: String) async throws -> BatchAnswer {
        recordCall("batches/" + id, \.gets)
        guard var batch = batches[id] else { return .notFound }
        if let hold = batch.hangMilliseconds {
            stats.hungRequests += 1
            return .hang(milliseconds: hold)
        }
        batch.polls += 1
        let due = advance(&batch)
        batches[id] = batch
        if due { try await finish(id: id) }
        guard var current = batches[id] else { return .notFound }
        if current.state == .succeeded, current.outputLagRemaining > 0 {
            current.outputLagRemaining -= 1
            batches[id] = current
            return .body(try current.body(includeOutput: false))
        }
        let padding = max(current.statusPaddingBytes, configuration.statusPaddingBytes)
        if !current.state.isTerminal, padding > 0 {
            return .body(current.paddedBody(total: padding))
        }
        return .body(try current.body())
    }

    /// One page of batches in creation order; the page token is the offset of the next page.
    func list(pageSize: Int, pageToken: String?) async throws -> JSONValue {
        stats.lists += 1
        let start = try OffsetPageToken.decode(pageToken)
        let size = pageSize <= 0 ? 50 : min(pageSize, 1000)
        let ids = Array(batchOrder.dropFirst(start).prefix(size))
        var operations: [JSONValue] = []
        for id in ids {
            guard var batch = batches[id] else { continue }
            let due = advance(&batch)
            batches[id] = batch
            if due { try? await finish(id: id) }
            if let listed = batches[id] { operations.append(listed.operation(includeOutput: false)) }
        }
        var body: [(String, JSONValue)] = [("operations", .array(operations))]
        if start + ids.count < batchOrder.count {
            body.append(("nextPageToken", .string(OffsetPageToken.encode(start + ids.count))))
        }
        return .object(JSONObject(body))
    }

    /// False when the batch does not exist. Cancelling a finished batch changes nothing.
    func cancel(id: String) -> Bool {
        recordCall("batches/" + id, \.cancels)
        guard var batch = batches[id] else { return false }
        if !batch.state.isTerminal {
            batch.state = .cancelled
            batch.endTime = Date()
            batch.updateTime = Date()
            batches[id] = batch
        }
        return true
    }

    func delete(id: String) -> Bool {
        recordCall("batches/" + id, \.deletes)
        guard let removed = batches.removeValue(forKey: id) else { return false }
        Self.removeItemsFile(of: removed)
        batchOrder.removeAll { $0 == id }
        for (fileID, file) in files where file.batchName == "batches/" + id {
            try? FileManager.default.removeItem(at: file.url)
            files[fileID] = nil
        }
        return true
    }

    /// The on-disk responses file behind `files/<fileID>`, counting the download against its batch.
    func responsesFile(fileID: String) -> URL? {
        guard let file = files[fileID] else { return nil }
        recordCall(file.batchName, \.downloads)
        return file.url
    }

    // MARK: progression

    /// Moves a pending batch to RUNNING when its polls or time say so; true when it is due to finish.
    private func advance(_ batch: inout EmulatedBatch) -> Bool {
        guard !batch.state.isTerminal, !batch.isFrozen else { return false }
        let elapsed = Date().timeIntervalSince(batch.createTime)
        let pollsDone = configuration.pollsUntilDone.map { batch.polls >= $0 } ?? false
        let timeDone = configuration.secondsUntilDone.map { elapsed >= $0 } ?? false
        if pollsDone || timeDone { return true }
        let pollsRunning = configuration.pollsUntilRunning.map { batch.polls >= $0 } ?? false
        let timeRunning = configuration.secondsUntilDone.map { elapsed >= $0 / 2 } ?? false
        if batch.state == .pending, pollsRunning || timeRunning {
            batch.state = .running
            batch.updateTime = Date()
        }
        return false
    }

    /// Renders the batch's results off the actor (images take time, other requests must go on); a poll that
    /// arrives meanwhile still sees the batch unfinished. A batch cancelled or deleted meanwhile stays so.
    private func finish(id: String) async throws {
        guard !finishing.contains(id), let batch = batches[id] else { return }
        finishing.insert(id)
        defer { finishing.remove(id) }
        let completion = try await completion(for: batch)
        guard var current = batches[id], !current.state.isTerminal else {
            if let file = completion.responsesFile { try? FileManager.default.removeItem(at: file.url) }
            if case .inline(let itemsFile)? = completion.output { try? FileManager.default.removeItem(at: itemsFile) }
            return
        }
        apply(completion, to: &current)
        batches[id] = current
    }

    private func completion(for batch: EmulatedBatch) async throws -> BatchCompletion {
        let outcomes = batch.items.map { scripts[$0.prompt] ?? ScriptedOutcome.fromMarkers(in: $0.prompt) }
        let settings = configuration
        let workDirectory = workDirectory
        return try await Task.detached {
            try BatchCompletion.make(for: batch, outcomes: outcomes, settings: settings, workDirectory: workDirectory)
        }.value
    }

    private func apply(_ completion: BatchCompletion, to batch: inout EmulatedBatch) {
        let now = Date()
        batch.updateTime = now
        batch.endTime = now
        batch.state = completion.state
        batch.output = completion.output
        batch.successfulCount = completion.successfulCount
        batch.failedCount = completion.failedCount
        batch.operationError = completion.operationError
        batch.records = completion.records
        batch.outputLagRemaining = completion.state == .succeeded ? batch.outputLagPolls : 0
        if let file = completion.responsesFile { files[file.fileID] = (file.url, batch.name) }
    }

    // MARK: control

    /// Registers a batch built by a control request (already in its final state, never advanced) and returns
    /// the body of its first GET.
    func insertControlled(_ batch: EmulatedBatch, responsesFile: URL?) async throws -> StreamedBody {
        var batch = batch
        if let responsesFile {
            let fileID = "batch-" + batch.id
            files[fileID] = (responsesFile, batch.name)
            batch.output = .responsesFile(fileName: "files/" + fileID)
        } else if batch.state == .succeeded {
            apply(try await completion(for: batch), to: &batch)
        }
        batch.isFrozen = true
        insert(batch)
        if batch.state == .succeeded, batch.outputLagRemaining > 0 { return try batch.body(includeOutput: false) }
        if !batch.state.isTerminal, batch.statusPaddingBytes > 0 { return batch.paddedBody(total: batch.statusPaddingBytes) }
        return try batch.body()
    }

    /// The control view of one batch (`GET /_emulator/batches/{id}`), nil when there is none.
    func controlRecord(id: String) -> JSONValue? { batches[id]?.controlRecord }

    func hasBatch(id: String) -> Bool { batches[id] != nil }

    /// Random, not seeded: like the real service's, ids never repeat across restarts, so a database
    /// that outlives one emulator never meets a reused name.
    func newBatchID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var random = SystemRandomNumberGenerator()
        return String((0..<36).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }

    private static func removeItemsFile(of batch: EmulatedBatch) {
        if case .inline(let itemsFile)? = batch.output { try? FileManager.default.removeItem(at: itemsFile) }
    }

    private func insert(_ batch: EmulatedBatch) {
        batches[batch.id] = batch
        batchOrder.append(batch.id)
    }
}

extension EmulatorState {
    /// Replaces the live settings; a new fault seed restarts the fault sequence.
    func apply(_ settings: EmulatorConfiguration, faultSeed: UInt64?) {
        configuration = settings
        if let faultSeed { faultGenerator = SeededGenerator(seed: faultSeed ^ 0xFA17) }
    }
}
