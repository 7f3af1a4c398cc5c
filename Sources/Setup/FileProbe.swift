import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks the file system, not the permission bits, whether pfc-jobs can write somewhere: root
/// ignores modes but not a read-only mount, and ACLs can allow what the bits deny.
enum FileProbe {
    enum Kind: Equatable { case missing, folder, file }

    static func kind(_ url: URL) -> Kind {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return .missing }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .folder : .file
    }

    /// Creates and removes a file in `folder`; nil when that worked, else the reason.
    static func writeFailure(inFolder folder: URL) -> String? {
        let probe = folder.appendingPathComponent(".pfc-doctor-probe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let descriptor = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        close(descriptor)
        unlink(probe.path)
        return nil
    }

    /// Opens an existing file for appending without creating or changing it; nil when that worked.
    static func appendFailure(file: URL) -> String? {
        let descriptor = open(file.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        close(descriptor)
        return nil
    }

    /// The closest folder above `url` that exists (where creating `url` would start).
    static func nearestExistingAncestor(of url: URL) -> URL {
        var current = url.deletingLastPathComponent()
        while kind(current) == .missing, current.path != "/" { current = current.deletingLastPathComponent() }
        return current
    }

    /// Permission bits of an existing path.
    static func mode(_ url: URL) -> mode_t? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    static func size(_ url: URL) -> Int64? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// `12.3 KB`, `4.0 MB`: sizes for people.
    static func humanSize(_ bytes: Int64) -> String {
        let units = ["bytes", "KB", "MB", "GB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f", value) + " " + units[unit]
    }

    static func octal(_ mode: mode_t) -> String { "0" + String(mode, radix: 8) }
}
