// swift-tools-version:6.0
import PackageDescription

// One library target per concern; the `pfc-jobs` executable is a thin shell over them.
// Dependencies come only from the local package mirror; C libraries from Debian. Linux only: the code uses
// Glibc, `st_mtim`, renameat2 and Synchronization.Mutex (no platforms line claims otherwise).
let package = Package(
    name: "pfc-jobs",
    products: [
        .executable(name: "pfc-jobs", targets: ["pfc-jobs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
    ],
    targets: [
        // C libraries from Debian.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CImageCodecs",
                linkerSettings: [.linkedLibrary("webp"), .linkedLibrary("png16"), .linkedLibrary("jpeg")]),

        // Libraries, one per concern.
        .target(name: "OrderedJSON"),
        .target(name: "BatchStateSpelling"),
        // The image models, their request rules, retired ids and prices: one place.
        .target(name: "ModelCatalogue"),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // One libpq connection: prepared statements, transactions, advisory locks, reconnect with backoff.
        .target(name: "PostgresClient", dependencies: ["CLibPQ"]),
        // SHA-256 through libcrypto's EVP.
        .target(name: "Digests", dependencies: ["CCrypto"]),
        .target(name: "AtomicFiles"),
        // The one pool of blocking threads (curl transfers, SQLite writes, image work).
        .target(name: "WorkerThreads"),
        .target(name: "PFCConfig", dependencies: ["OrderedJSON", "ModelCatalogue", "PostgresClient"]),
        .target(name: "JobStore", dependencies: [
            "BatchStateSpelling", "PostgresClient", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "LegacyFormat", dependencies: ["OrderedJSON", "JobStore", "AtomicFiles", "BatchStateSpelling"]),
        .target(name: "FileLogging", dependencies: [.product(name: "Logging", package: "swift-log")]),
        .target(name: "GeminiBatch", dependencies: ["CCurl", "ModelCatalogue", "BatchStateSpelling", "WorkerThreads", .product(name: "Logging", package: "swift-log")]),
        .target(name: "ImageConversion", dependencies: ["CImageCodecs"]),
        .target(name: "GeminiEmulator", dependencies: [
            "ImageConversion", "OrderedJSON", "Digests", "BatchStateSpelling", .product(name: "FlyingFox", package: "FlyingFox"),
            .product(name: "FlyingSocks", package: "FlyingFox"),
        ]),
        .target(name: "BatchChecker", dependencies: [
            "ModelCatalogue", "PFCConfig", "WorkerThreads", "Digests", "JobStore", "LegacyFormat", "GeminiBatch", "ImageConversion", "FileLogging",
            "OrderedJSON", "AtomicFiles", .product(name: "Logging", package: "swift-log"),
        ]),
        // `submit`: validation against the catalogue, reference images, cost estimate, the crash-safe create.
        .target(name: "Submission", dependencies: [
            "ModelCatalogue", "PFCConfig", "JobStore", "LegacyFormat", "GeminiBatch", "OrderedJSON",
        ]),
        // `cost`, `prune` (and remote cleanup, also after `check`), `resubmit`: the account kept clean and readable.
        .target(name: "Housekeeping", dependencies: [
            "JobStore", "LegacyFormat", "GeminiBatch", "Submission", "PFCConfig", "OrderedJSON",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The JSON objects of `list --json` and `show --json`, shared by the CLI and the MCP server.
        .target(name: "JobJSON", dependencies: ["JobStore", "LegacyFormat", "OrderedJSON"]),
        // `pfc-jobs mcp`: the job tools over the Model Context Protocol (official Swift SDK, stdio).
        .target(name: "MCPServer", dependencies: [
            "AtomicFiles", "BatchChecker", "Digests", "GeminiBatch", "JobJSON", "JobStore", "LegacyFormat", "ModelCatalogue",
            "OrderedJSON", "PFCConfig", "Submission", .product(name: "MCP", package: "swift-sdk"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Scheduling", dependencies: ["PFCConfig", "OrderedJSON", "AtomicFiles"]),
        // `gallery`: the static contact sheet (thumbnails made once, cards rendered only when they change).
        .target(name: "Gallery", dependencies: ["JobStore", "LegacyFormat", "ImageConversion", "AtomicFiles", "OrderedJSON"]),
        // The Prometheus textfile every check run writes (metrics_file).
        .target(name: "Metrics", dependencies: ["JobStore", "AtomicFiles"]),
        // `init` and `doctor`: first-run setup and diagnostics.
        .target(name: "Setup", dependencies: ["GeminiBatch", "ModelCatalogue", "PFCConfig", "JobStore", "LegacyFormat", "Scheduling", "OrderedJSON", "AtomicFiles"]),

        // Executables.
        .executableTarget(name: "pfc-jobs", dependencies: [
            "PFCConfig", "OrderedJSON", "JobStore", "LegacyFormat", "FileLogging", "GeminiBatch", "GeminiEmulator",
            "BatchChecker", "Scheduling", "Setup", "Submission", "Housekeeping", "JobJSON", "MCPServer", "Gallery", "Metrics",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Test helper: one claim/finish worker process, driven by the multi-process tests and benchmarks.
        .executableTarget(name: "claim-worker", dependencies: ["JobStore", "BatchStateSpelling"]),
        // Benchmark and test helper for images and logging (bench/imaging.sh; `log-writer` mode for the multi-process log test).
        .executableTarget(name: "bench-imaging", dependencies: ["ImageConversion", "AtomicFiles", "FileLogging", .product(name: "Logging", package: "swift-log")]),
        // Benchmark driver of the API client against the emulator (bench/client.sh).
        .executableTarget(name: "bench-driver", dependencies: ["GeminiBatch"]),

        // Tests.
        .testTarget(name: "OrderedJSONTests", dependencies: ["OrderedJSON"]),
        .testTarget(name: "ModelCatalogueTests", dependencies: ["ModelCatalogue", "PFCConfig"]),
        .testTarget(name: "SubmissionTests", dependencies: ["Submission", "LegacyFormat", "OrderedJSON"]),
        .testTarget(name: "AtomicFilesTests", dependencies: ["TestSupport", "AtomicFiles"]),
        .testTarget(name: "PFCConfigTests", dependencies: ["PFCConfig"]),
        .testTarget(name: "JobStoreTests", dependencies: ["TestSupport", "JobStore", "PostgresClient"]),
        .testTarget(name: "LegacyFormatTests", dependencies: ["TestSupport", "LegacyFormat", "JobStore", "OrderedJSON", "GeminiEmulator"]),
        .testTarget(name: "FileLoggingTests", dependencies: ["TestSupport", "FileLogging", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "GeminiBatchTests", dependencies: ["GeminiBatch", "GeminiEmulator", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "ImageConversionTests", dependencies: ["ImageConversion", "GeminiEmulator"]),
        .testTarget(name: "GeminiEmulatorTests", dependencies: ["TestSupport", "GeminiEmulator", "ImageConversion", "Digests"]),
        .testTarget(name: "BatchCheckerTests", dependencies: [
            "TestSupport", "BatchChecker", "Digests", "ModelCatalogue", "GeminiEmulator", "GeminiBatch", "JobStore", "LegacyFormat", "ImageConversion", "PFCConfig", "OrderedJSON",
            "Housekeeping", "Submission",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Helpers shared by test targets: the built executables, child processes, temporary folders, legacy
        // files, a lock holder, the emulator in this process with an installation pointed at it, a throwaway
        // system user for the real crontab, the test backends and their databases (TestBackend, TestDatabase).
        .target(name: "TestSupport", dependencies: ["GeminiEmulator", "JobStore", "PostgresClient", "PFCConfig"], path: "Tests/TestSupport"),
        .testTarget(name: "SchedulingTests", dependencies: ["TestSupport", "Scheduling", "OrderedJSON", "PFCConfig"]),
        .testTarget(name: "SetupTests", dependencies: [
            "TestSupport", "Setup", "PFCConfig", "JobStore", "Scheduling", "OrderedJSON", "GeminiEmulator",
        ]),
        .testTarget(name: "CLITests", dependencies: ["JobStore"]),
        .testTarget(name: "MCPServerTests", dependencies: [
            "TestSupport", "MCPServer", "GeminiBatch", "GeminiEmulator", "JobStore", "PFCConfig", "Digests", "ImageConversion",
            .product(name: "MCP", package: "swift-sdk"), .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "GalleryTests", dependencies: ["Gallery", "JobStore", "ImageConversion", "LegacyFormat", "OrderedJSON"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "JobStore"]),
    ]
)
