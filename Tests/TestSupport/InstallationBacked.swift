import Foundation
import JobStore
import PFCConfig

/// A test harness built on an ``EmulatedInstallation`` (the in-process checker, the MCP harness): the
/// installation's parts under their usual names (the emulator itself stays `installation.server`: a harness
/// may have a server of its own).
public protocol InstallationBacked {
    var installation: EmulatedInstallation { get }
}

extension InstallationBacked {
    public var port: UInt16 { installation.port }
    public var root: URL { installation.root }
    public var config: Config { installation.config }
    public var store: JobStore { installation.store }
    public var baseURL: String { installation.baseURL }
}
