import FlyingFox
import FlyingSocks
#if canImport(Glibc)
import Glibc
#endif

/// FlyingFox writes a response's header and body in separate writes; with Nagle's algorithm on, the body then
/// waits for the client's delayed ACK (~40 ms per request on Linux loopback). This pool turns on TCP_NODELAY
/// for every socket it waits on, the listening socket first, whose setting Linux copies to each accepted
/// connection.
struct NoDelaySocketPool: AsyncSocketPool {
    let base: any AsyncSocketPool

    func prepare() async throws { try await base.prepare() }

    func run() async throws { try await base.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        try? socket.setValue(true, for: BoolSocketOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY))
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}
