import Foundation

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
    private var idGenerator: SeededGenerator
    private var faultGenerator: SeededGenerator
    private(set) var stats = EmulatorStats()

    init(configuration: EmulatorConfiguration, workDirectory: URL) {
        initialConfiguration = configuration
        self.configuration = configuration
        self.workDirectory = workDirectory
        idGenerator = SeededGenerator(seed: configuration.seed)
        faultGenerator = SeededGenerator(seed: configuration.seed ^ 0xFA17)
    }

    // MARK: counters and faults

    func recordAPIRequest(keyInURL: Bool) {
        stats.totalRequests += 1
        if keyInURL { stats.requestsWithKeyInURL += 1 }
    }

    func recordPermissionDenied() { stats.permissionDenied += 1 }

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
        batches = [:]
        batchOrder = []
        files = [:]
        scripts = [:]
        stats = EmulatorStats()
        configuration = initialConfiguration
        idGenerator = SeededGenerator(seed: configuration.seed)
        faultGenerator = SeededGenerator(seed: configuration.seed ^ 0xFA17)
    }

    func script(prompt: String, outcomes: [ScriptedOutcome]) {
        scripts[prompt] = outcomes
    }

    // MARK: the batch API

    func create(model: String, request: BatchCreateRequest) -> JSONValue {
        let batch = EmulatedBatch(
            id: newBatchID(), model: model, displayName: request.displayName, items: request.items,
            requestCount: request.items.count, imageWidth: configuration.imageWidth,
            imageHeight: configuration.imageHeight, createTime: Date(), updateTime: Date(), state: .pending)
        insert(batch)
        recordCall(batch.name, \.creates)
        return batch.operation()
    }

    /// The batch after this poll has been counted, or nil when there is no such batch.
    func get(id: String) throws -> JSONValue? {
        recordCall("batches/" + id, \.gets)
        guard var batch = batches[id] else { return nil }
        batch.polls += 1
        try advance(&batch)
        batches[id] = batch
        return batch.operation()
    }

    /// One page of batches in creation order; the page token is the offset of the next page.
    func list(pageSize: Int, pageToken: String?) throws(EmulatorError) -> JSONValue {
        stats.lists += 1
        let start: Int
        if let pageToken, !pageToken.isEmpty {
            guard let decoded = Data(base64Encoded: pageToken).flatMap({ String(data: $0, encoding: .utf8) }),
                  decoded.hasPrefix("offset:"), let offset = Int(decoded.dropFirst("offset:".count)), offset >= 0 else {
                throw .invalidArgument("Invalid page token.")
            }
            start = offset
        } else {
            start = 0
        }
        let size = pageSize <= 0 ? 50 : min(pageSize, 1000)
        let ids = Array(batchOrder.dropFirst(start).prefix(size))
        var operations: [JSONValue] = []
        for id in ids {
            guard var batch = batches[id] else { continue }
            try? advance(&batch)
            batches[id] = batch
            operations.append(batch.operation(includeOutput: false))
        }
        var body: [(String, JSONValue)] = [("operations", .array(operations))]
        if start + ids.count < batchOrder.count {
            let token = Data("offset:\(start + ids.count)".utf8).base64EncodedString()
            body.append(("nextPageToken", .string(token)))
        }
        return .object(body)
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
        guard batches.removeValue(forKey: id) != nil else { return false }
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

    private func advance(_ batch: inout EmulatedBatch) throws {
        guard !batch.state.isTerminal, !batch.isFrozen else { return }
        let elapsed = Date().timeIntervalSince(batch.createTime)
        let pollsDone = configuration.pollsUntilDone.map { batch.polls >= $0 } ?? false
        let timeDone = configuration.secondsUntilDone.map { elapsed >= $0 } ?? false
        if pollsDone || timeDone {
            try finish(&batch)
            return
        }
        let pollsRunning = configuration.pollsUntilRunning.map { batch.polls >= $0 } ?? false
        let timeRunning = configuration.secondsUntilDone.map { elapsed >= $0 / 2 } ?? false
        if batch.state == .pending, pollsRunning || timeRunning {
            batch.state = .running
            batch.updateTime = Date()
        }
    }

    /// Moves a batch to its terminal state: the batch-level script decides FAILED or EXPIRED, otherwise every
    /// item is rendered and the output goes inline or, above the limits, into a JSONL file on disk.
    private func finish(_ batch: inout EmulatedBatch) throws {
        let now = Date()
        batch.updateTime = now
        batch.endTime = now
        let outcomes = batch.items.map { scripts[$0.prompt] ?? ScriptedOutcome.fromMarkers(in: $0.prompt) }
        if outcomes.contains(where: { $0.contains(.batchFailed) }) {
            batch.state = .failed
            batch.operationError = (13, "Batch failed: an internal error occurred (scripted batch-failed).")
            return
        }
        if outcomes.contains(where: { $0.contains(.expired) }) {
            batch.state = .expired
            return
        }
        let results = try batch.items.enumerated().map { index, item in
            try ItemResult.make(for: item, index: index, outcomes: outcomes[index], model: batch.model,
                                seed: configuration.seed, width: batch.imageWidth, height: batch.imageHeight,
                                style: configuration.imageStyle)
        }
        batch.failedCount = results.filter(\.isFailure).count
        batch.successfulCount = results.count - batch.failedCount
        batch.output = try storeOutput(results, of: batch)
        batch.state = .succeeded
    }

    private func storeOutput(_ results: [ItemResult], of batch: EmulatedBatch) throws -> EmulatedBatch.Output {
        if results.count <= configuration.inlineItemLimit {
            let entries = zip(results, batch.items).map { $0.inlineEntry(for: $1) }
            let size = entries.reduce(0) { $0 + $1.serialized().count }
            if size <= configuration.inlineByteLimit { return .inline(entries) }
        }
        let fileID = "batch-" + batch.id
        let url = workDirectory.appendingPathComponent(fileID + ".jsonl")
        let writer = try JSONLinesWriter(url: url)
        for (index, pair) in zip(results, batch.items).enumerated() {
            try writer.write(pair.0.fileLine(for: pair.1, index: index))
        }
        try writer.close()
        files[fileID] = (url, batch.name)
        return .responsesFile(fileName: "files/" + fileID)
    }

    // MARK: control

    /// Registers a batch built by a control request (already in its final state, never advanced).
    func insertControlled(_ batch: EmulatedBatch, responsesFile: URL?) throws -> JSONValue {
        var batch = batch
        if let responsesFile {
            let fileID = "batch-" + batch.id
            files[fileID] = (responsesFile, batch.name)
            batch.output = .responsesFile(fileName: "files/" + fileID)
        } else if batch.state == .succeeded {
            try finish(&batch)
        }
        batch.isFrozen = true
        insert(batch)
        return batch.operation()
    }

    func newBatchID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<36).map { _ in alphabet[Int(idGenerator.next() % UInt64(alphabet.count))] })
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
