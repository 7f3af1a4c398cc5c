import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension AtomicFile {
    /// Swaps two names atomically (`renameat2(RENAME_EXCHANGE)`): afterwards `first` names what `second`
    /// named and the other way round. Unlike `rename(2)`, nothing is unlinked, so a caller replacing a file
    /// that other programs write can look at the file it took out of place before deleting it.
    ///
    /// ```swift
    /// if try AtomicFile.exchange(temporary, with: trackingFile) {
    ///     // `temporary` now names the old file: read it, merge what is new, then unlink it
    /// }
    /// ```
    /// - Returns: false when the system or the file system cannot exchange (glibc without `renameat2`,
    ///   a kernel before 3.15, NFS and some FUSE file systems): nothing was changed, the caller falls back.
    public static func exchange(_ first: URL, with second: URL) throws(AtomicFileError) -> Bool {
        guard let renameat2 = Renameat2.function else { return false }
        if renameat2(AT_FDCWD, first.path, AT_FDCWD, second.path, Renameat2.exchangeFlag) == 0 {
            syncFolder(of: second)
            return true
        }
        let code = errno
        if [EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(code) { return false }
        throw .system(path: second.path, operation: "exchange", code: code)
    }
}

/// glibc declares `renameat2` only for `_GNU_SOURCE`, which Swift's Glibc module does not see, so the
/// function is looked up once at run time (glibc 2.28 and later have it).
private enum Renameat2 {
    typealias Function = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `RENAME_EXCHANGE` from <linux/fs.h>.
    static let exchangeFlag: UInt32 = 1 << 1

    static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()
}
