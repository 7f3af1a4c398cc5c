import Foundation
import JobStore
import LegacyFormat
import OrderedJSON
import PFCConfig
import Submission

/// A new batch made from a finished job's requests, all of them or only those that produced no image
/// (failed or blocked), with the same prompts, options, reference images (read again from their recorded
/// paths), titles and WebP wishes. It goes through the ordinary submit path (checked against the model
/// catalogue, recorded before it is sent, never billed twice) and keeps each request's key, so `req_3` of
/// the original is `req_3` of the follow-up and its image lands beside the old ones under its own name
/// (the job tag differs).
///
/// ```swift
/// let resubmission = try Resubmission.prepare(job: job, images: try store.images(jobID: job.id), failedOnly: true)
/// let plan = try resubmission.plan(config: config)          // SubmitError.invalidInput naming the request
/// let followUp = try await resubmission.submit(plan, with: JobSubmitter(store: store, client: client, paths: config.paths),
///                                              store: store)
/// ```
/// The link goes both ways: the follow-up's request metadata names the original (`resubmitted_from`), and
/// ``JobStore/followUps(of:)`` finds the follow-ups of a job; both jobs get a history line.
public struct Resubmission: Sendable {
    /// The job resubmitted.
    public let original: Job
    /// The keys of the original's requests carried, in batch order.
    public let keys: [String]
    /// How many requests the original had.
    public let requestCount: Int
    public let failedOnly: Bool
    /// What is submitted (the original's model unless another was given).
    public let submission: JobSubmission

    /// Reads what the job asked for from its request metadata (the `requests` entries `submit` records; the
    /// top-level prompt and options of a legacy job) and, with `failedOnly`, keeps the requests none of
    /// whose images is done. A pending job, a job that records no prompt, and (with `failedOnly`) a job
    /// whose every request produced its image are refused with a message naming the job.
    public static func prepare(job: Job, images: [ImageRecord], failedOnly: Bool,
                               model: String? = nil) throws(HousekeepingError) -> Resubmission {
        guard job.status != .pending else {
            throw .invalidInput("job '\(job.id)' is pending: it may still deliver its images; wait for it, or cancel it first")
        }
        let metadata = job.requestMetadata
        var entries = metadata.requestEntries.compactMap { entry -> (key: String, entry: JSONObject)? in
            guard let key = entry["key"]?.stringValue else { return nil }
            return (key, entry)
        }
        if entries.isEmpty {
            // A legacy job: one prompt, its options at the top level; its key is the one its image came back with.
            guard metadata.prompt?.isEmpty == false else {
                throw .invalidInput("job '\(job.id)' records no prompt (no request metadata): there is nothing to resubmit")
            }
            let keys = Set(images.map(\.requestKey))
            entries = [(keys.count == 1 ? keys.first! : "req_0", metadata.object)]
        }
        let requestCount = entries.count
        if failedOnly {
            let done = images.filter { $0.state == .done }.map(\.requestKey)
            entries = entries.filter { request in !done.contains { Self.isImage($0, of: request.key) } }
            guard !entries.isEmpty else {
                throw .invalidInput("job '\(job.id)': every request produced its image, so --failed-only has nothing to resubmit")
            }
        }
        let bare = metadata.requestEntries.isEmpty
        let requests = entries.map { Self.request(from: $0.entry, key: $0.key, jobID: job.id, legacy: bare) }
        var submission = JobSubmission(requests: requests, model: model ?? metadata.model)
        submission.convertToWebP = metadata.convertToWebP
        submission.webpQuality = metadata.webpQuality
        return Resubmission(original: job, keys: entries.map(\.key), requestCount: requestCount, failedOnly: failedOnly,
                            submission: submission)
    }

    /// The checked plan (see ``JobSubmission/plan(config:now:home:)``), its requests keyed as in the original
    /// and its metadata naming the original.
    public func plan(config: Config, now: Date = Date()) throws(SubmitError) -> SubmissionPlan {
        var plan = try submission.plan(config: config, now: now)
        for (index, key) in keys.enumerated() where index < plan.requests.count { plan.requests[index].key = key }
        plan.metadata = plan.metadata.resubmission(of: original.id, keys: keys)
        return plan
    }

    /// Submits `plan` and records the link in both jobs' history. A create the API refuses leaves a failed
    /// follow-up job that names the original too (its link is recorded, then the error is rethrown).
    public func submit(_ plan: SubmissionPlan, with submitter: JobSubmitter, store: JobStore,
                       now: Date = Date()) async throws -> Job {
        let job: Job
        do {
            job = try await submitter.submit(plan)
        } catch SubmitError.rejected(let reason, let intent?) {
            try store.recordResubmission(original: original.id, followUp: intent, detail: detail, now: now)
            throw SubmitError.rejected(reason: reason, intent: intent)
        }
        try store.recordResubmission(original: original.id, followUp: job.id, detail: detail, now: now)
        return job
    }

    /// `2 of 4 requests (the failed ones): req_1, req_3`, or `all 4 requests`.
    public var detail: String {
        guard failedOnly || keys.count != requestCount else {
            return requestCount == 1 ? "its 1 request" : "all \(requestCount) requests"
        }
        let shown = keys.prefix(10).joined(separator: ", ") + (keys.count > 10 ? ", …" : "")
        return "\(keys.count) of \(requestCount) requests (the failed ones): \(shown)"
    }

    /// Whether the image key `imageKey` belongs to the request `key`: the same, or a further final image of
    /// it (`req_0_2`, as the checker names the second image of `req_0`).
    static func isImage(_ imageKey: String, of key: String) -> Bool {
        guard imageKey.hasPrefix(key) else { return false }
        let rest = imageKey.dropFirst(key.count)
        return rest.isEmpty || (rest.first == "_" && rest.count > 1 && rest.dropFirst().allSatisfy(\.isNumber))
    }

    /// One request as recorded, in the form the submit path checks. `imageSize` is passed only when the original
    /// sent one (the recorded `image_size` of a request that sent none is the API's default, which some models
    /// refuse to be told). A legacy job is asked in its quality word, a submitted one in its model.
    static func request(from entry: JSONObject, key: String, jobID: String, legacy: Bool) -> SubmissionRequest {
        func text(_ name: String) -> String? { entry[name]?.stringValue }
        var request = SubmissionRequest(prompt: text("prompt") ?? "")
        request.referenceImages = entry["reference_image_paths"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if legacy {
            request.quality = text("quality")
            request.imageSize = text("image_size")
        } else if entry["api_image_size"]?.stringValue != nil {
            request.imageSize = text("image_size")
        }
        request.aspectRatio = text("aspect_ratio")
        request.thinkingLevel = text("thinking_level")
        request.searchGrounding = entry["search_grounding"]?.boolValue ?? false
        request.mediaResolution = text("media_resolution")
        request.title = text("title")
        request.description = text("description")
        request.alternativeText = text("alternative_text")
        request.caption = text("caption")
        request.origin = "\(jobID) \(key)"
        return request
    }
}
