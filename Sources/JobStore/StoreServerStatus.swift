/// What `doctor` reports about a PostgreSQL server: who answered, and how far its clock is from this
/// machine's (leases compare times written by several machines, so they must agree within a few seconds).
public struct StoreServerStatus: Sendable, Hashable {
    /// The server's version, e.g. `15.18`.
    public var version: String
    /// The server's clock minus this machine's, in seconds, measured at the middle of one round trip.
    public var clockOffsetSeconds: Double
    /// How long the round trip took (the offset is known to within half of it).
    public var roundTripSeconds: Double
}
