/// What the emulator's generated pictures look like.
///
/// ```swift
/// var configuration = EmulatorConfiguration(apiKey: "test-key")
/// configuration.imageStyle = .photo   // realistic WebP cost for benchmarks
/// ```
/// `smooth` (gradient and discs) keeps PNGs small and tests fast; `photo` adds shading and per-pixel grain,
/// which is what makes real photographs expensive to encode (WebP method 6 spends most of its time on it).
public enum ImageStyle: String, Sendable, CaseIterable {
    case smooth
    case photo
}
