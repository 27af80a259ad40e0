// swift-tools-version:6.0
import PackageDescription

/// Release builds stay portable (no `-target-cpu`); hot loops live in OpenBLAS and in C kernels that
/// dispatch on the CPU at run time.
let package = Package(
  name: "saliency",
  products: [
    .executable(name: "saliency", targets: ["SaliencyCLI"]),
    .library(name: "RNNSaliency", targets: ["SystemSupport", "LSTMCore", "Corpus", "Saliency", "Reports", "SaliencyKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    // These come with Hummingbird; named here because the server uses them directly (channels, graceful shutdown).
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
  ],
  targets: [
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .target(
      name: "CKernels",
      // The pointwise kernels must be fast in debug builds too (tests train small models).
      cSettings: [.unsafeFlags(["-O3", "-ffp-contract=fast", "-Wno-psabi"])]
    ),
    // Atomic file writes, POSIX file I/O, standard output, the thread pool and SHA-256: below every other module.
    .target(name: "SystemSupport", dependencies: ["CKernels"]),
    .target(name: "LSTMCore", dependencies: ["COpenBLAS", "CKernels", "SystemSupport"]),
    .target(
      name: "CJiebaData",
      // C23 #embed pulls samples/jieba/jieba-0.42.1.dict (the Chinese segmenter's tables) into the binary.
      cSettings: [.unsafeFlags(["-std=c23"])]
    ),
    .target(name: "Corpus", dependencies: ["CJiebaData", "SystemSupport"]),
    .target(name: "Saliency", dependencies: ["LSTMCore", "SystemSupport"]),
    .target(name: "Reports", dependencies: ["SystemSupport"]),
    .target(
      name: "CDefaultModels",
      // C23 #embed pulls samples/models/*.safetensors into the binary.
      cSettings: [.unsafeFlags(["-std=c23"])]
    ),
    .target(name: "SaliencyKit", dependencies: ["SystemSupport", "LSTMCore", "Corpus", "Saliency", "Reports", "CDefaultModels"]),
    // `saliency serve`: the HTTP server and its JSON API (Hummingbird), the explain page served from the binary.
    .target(
      name: "SaliencyServer",
      dependencies: [
        "SaliencyKit", "Saliency", "Reports", "LSTMCore", "Corpus", "SystemSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
      ]
    ),
    .executableTarget(
      name: "SaliencyCLI",
      dependencies: [
        "SaliencyKit", "SaliencyServer", "SystemSupport", "LSTMCore", "Corpus", "Saliency", "Reports",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "SaliencyBench", dependencies: ["SystemSupport", "LSTMCore", "Saliency"]),
    // Opt-in comparison with Python jieba (scripts/compare-jieba.sh); not part of the `saliency` product.
    .executableTarget(name: "SegmentTool", dependencies: ["Corpus"]),
    .testTarget(name: "SystemSupportTests", dependencies: ["SystemSupport", "CKernels"]),
    // The PyTorch reference files of LSTMCoreTests and SaliencyTests are one copy, in Tests/Fixtures/pytorch-reference.
    .testTarget(name: "LSTMCoreTests", dependencies: ["LSTMCore", "SystemSupport"]),
    .testTarget(name: "CorpusTests", dependencies: ["Corpus"]),
    .testTarget(name: "SaliencyTests", dependencies: ["Saliency", "LSTMCore", "SystemSupport"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "SaliencyKit"], resources: [.copy("Golden")]),
    .testTarget(name: "SaliencyKitTests", dependencies: ["SaliencyKit", "SystemSupport", "LSTMCore", "Corpus", "Saliency", "Reports"]),
    .testTarget(name: "SaliencyCLITests", dependencies: ["SaliencyCLI", "SaliencyServer", "SaliencyKit"], resources: [.copy("Fixtures")]),
  ]
)
