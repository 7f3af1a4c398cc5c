/// A refused upload command: the error answer, and the upload headers it carries (the session's status and,
/// for a wrong offset, how much the server has).
struct UploadRefusal: Error {
    var code: Int
    var status: String
    var message: String
    /// `active` or `final` when the session exists; nil when there is none.
    var uploadStatus: String?
    var received: Int64?
}
