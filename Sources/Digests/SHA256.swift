import CCrypto

/// SHA-256 through OpenSSL's libcrypto (EVP), the maintained implementation already on every machine that has
/// libcurl: image files are recorded with their digest, the emulator reports the digests of what it received
/// and sent, and tests compare bytes across processes with it.
///
/// ```swift
/// SHA256.hex(of: Array("abc".utf8))  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// var hasher = SHA256()
/// hasher.update(firstChunk); hasher.update(secondChunk)
/// let digest = hasher.finalizeHex()
/// ```
public struct SHA256 {
    private let context: Context

    public init() {
        context = Context()
    }

    public static func hex<Bytes: Collection<UInt8>>(of bytes: Bytes) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    public mutating func update<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        let done = bytes.withContiguousStorageIfAvailable { buffer in
            _ = EVP_DigestUpdate(context.pointer, buffer.baseAddress, buffer.count)
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { _ = EVP_DigestUpdate(context.pointer, $0.baseAddress, $0.count) }
        }
    }

    /// The digest as 64 lower-case hex digits; the hasher is spent afterwards.
    public mutating func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context.pointer, &digest, &length)
        let hexDigits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(Int(length) * 2)
        for byte in digest.prefix(Int(length)) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Owns the EVP context; freed with the last copy of the hasher.
    private final class Context {
        let pointer: OpaquePointer

        init() {
            pointer = EVP_MD_CTX_new()
            EVP_DigestInit_ex(pointer, EVP_sha256(), nil)
        }

        deinit {
            EVP_MD_CTX_free(pointer)
        }
    }
}
