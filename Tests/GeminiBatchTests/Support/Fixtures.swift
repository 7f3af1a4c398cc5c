import Foundation

/// Wire bodies shaped as in shared/gemini-batch-api.md, with extra unknown fields sprinkled in.
enum Fixtures {
    /// 1x1 PNG from the spec's minimal GET body.
    static let pngBase64 =
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="

    static let createPending = """
    {"name": "batches/4m855v7q30kc7gtzcigdg9m72o87s08w33vp",
     "metadata": {"@type": "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch",
       "model": "models/gemini-2.5-flash", "displayName": "test-batch-job",
       "createTime": "2025-12-10T18:27:01.407650525Z", "updateTime": "2025-12-10T18:27:01.407650525Z",
       "batchStats": {"requestCount": "3", "pendingRequestCount": "3"},
       "state": "BATCH_STATE_PENDING", "name": "batches/4m855v7q30kc7gtzcigdg9m72o87s08w33vp"}}
    """

    static func imageItem(key: String, text: String? = nil, data: String = pngBase64) -> String {
        let textPart = text.map { #"{"text": "\#($0)"},"# } ?? ""
        return """
        {"response": {"candidates": [{"content": {"parts": [\(textPart){"inlineData": {"mimeType": "image/png", "data": "\(data)"}}],
           "role": "model"}, "finishReason": "STOP", "index": 0, "safetyRatings": []}],
           "usageMetadata": {"promptTokenCount": 5}, "modelVersion": "gemini-2.5-flash-image", "responseId": "r1",
           "someFutureField": {"nested": [1, 2]}},
         "metadata": {"key": "\(key)"}}
        """
    }

    static let itemError = #"{"error": {"code": 3, "message": "Request contains an invalid argument."}, "metadata": {"key": "bad"}}"#
    static let itemBlocked = #"{"response": {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"}, "usageMetadata": {}}, "metadata": {"key": "blocked"}}"#
    static let itemImageSafety = #"{"response": {"candidates": [{"finishReason": "IMAGE_SAFETY", "index": 0}]}, "metadata": {"key": "unsafe"}}"#
    static let itemTextOnly = #"{"response": {"candidates": [{"content": {"parts": [{"text": "I cannot draw that."}]}, "finishReason": "STOP"}]}, "metadata": {"key": "chatty"}}"#

    /// SUCCEEDED with the output in both places; the top-level `response` copy differs so tests can tell
    /// which one was read.
    static let succeededBoth = """
    {"name": "batches/abc", "done": true,
     "metadata": {"@type": "x", "state": "BATCH_STATE_SUCCEEDED", "displayName": "job",
       "endTime": "2025-12-10T18:28:31.548158795Z",
       "batchStats": {"requestCount": "2", "successfulRequestCount": "1", "failedRequestCount": "1"},
       "output": {"inlinedResponses": {"inlinedResponses": [\(imageItem(key: "from-metadata"))]}}},
     "response": {"@type": "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput",
       "inlinedResponses": {"inlinedResponses": [\(imageItem(key: "k1", text: "Here you go")), \(itemError)]}}}
    """

    static let succeededMetadataOnly = """
    {"name": "batches/abc", "metadata": {"state": "JOB_STATE_SUCCEEDED", "output": {"inlinedResponses":
      {"inlinedResponses": [\(imageItem(key: "only")), \(itemBlocked), \(itemImageSafety), \(itemTextOnly)]}}}}
    """

    static let succeededFile = """
    {"name": "batches/filejob", "done": true,
     "metadata": {"state": "BATCH_STATE_SUCCEEDED", "output": {"responsesFile": "files/batch-abc"}},
     "response": {"@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatchOutput",
                  "responsesFile": "files/batch-abc"}}
    """

    static let failed = """
    {"name": "batches/broken", "done": true, "metadata": {"state": "BATCH_STATE_FAILED"},
     "error": {"code": 13, "message": "Internal error while processing the batch."}}
    """

    static let unknownState = #"{"name": "batches/odd", "metadata": {"state": "BATCH_STATE_PAUSED", "newThing": true}}"#

    static func listPage(_ names: [String], displayName: String = "list-job", next: String?) -> String {
        let operations = names.map {
            #"{"name": "\#($0)", "metadata": {"state": "BATCH_STATE_RUNNING", "displayName": "\#(displayName)-\#($0)", "model": "models/m"}}"#
        }.joined(separator: ",")
        let token = next.map { #", "nextPageToken": "\#($0)""# } ?? #", "nextPageToken": """#
        return #"{"operations": [\#(operations)]\#(token)}"#
    }

    static func errorBody(_ code: Int, _ status: String, _ message: String, retryDelay: String? = nil) -> String {
        let details = retryDelay.map {
            #"[{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "\#($0)"}]"#
        } ?? "[]"
        return #"{"error": {"code": \#(code), "message": "\#(message)", "status": "\#(status)", "details": \#(details)}}"#
    }
}
