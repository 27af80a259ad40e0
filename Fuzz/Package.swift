// swift-tools-version:6.0
import PackageDescription

/// Coverage-guided fuzz targets for saliency's parsers (libFuzzer through Swift's `-sanitize=fuzzer`).
///
/// A separate root package, so the main `Package.swift` stays free of sanitizer flags. Build and run with
/// `scripts/fuzz.sh`, which passes `--sanitize=fuzzer --sanitize=address` to every module (the library under
/// test must be instrumented too, or the fuzzer sees no coverage). Each executable defines
/// `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`, so no target has a `main.swift`.
/// SwiftPM names a path dependency after its directory (`main`, `wt-fuzz`, a CI checkout's name), not after its
/// manifest, so the root package is referred to by the name of this package's parent directory.
let root = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "saliency")

let targets = ["safetensors", "metadata", "corpus-tsv", "corpus-csv", "corpus-jsonl", "corpus-lines", "tokenizer"]

let package = Package(
  name: "saliency-fuzz",
  products: targets.map { .executable(name: "fuzz-\($0)", targets: ["fuzz-\($0)"]) },
  dependencies: [
    .package(path: ".."),
  ],
  targets: [
    .target(
      name: "FuzzSupport",
      dependencies: [.product(name: "RNNSaliency", package: root)]
    ),
  ] + targets.map { name in
    .executableTarget(
      name: "fuzz-\(name)",
      dependencies: ["FuzzSupport", .product(name: "RNNSaliency", package: root)]
    )
  }
)
