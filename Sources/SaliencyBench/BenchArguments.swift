/// The few flags of saliency-bench, parsed by hand to keep the benchmark free of dependencies.
struct BenchArguments {
  var only: Set<String>? = nil
  var repeats = 5
  var threads = 2
  var workloadDirectory: String?
  /// The encoders to run every benchmark on, in turn (`--encoders lstm,bilstm-2layer`); the standard one by default.
  var encoders: [StandardWorkload.Encoder] = [.lstm]

  init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
      switch argument {
      case "--only": only = Set((iterator.next() ?? "").split(separator: ",").map(String.init))
      case "--repeats": repeats = Int(iterator.next() ?? "") ?? repeats
      case "--threads": threads = Int(iterator.next() ?? "") ?? threads
      case "--write-workload": workloadDirectory = iterator.next()
      case "--encoders":
        encoders = (iterator.next() ?? "").split(separator: ",").compactMap { StandardWorkload.Encoder(rawValue: String($0)) }
      default: break
      }
    }
  }

  /// Whether `--only` names the workload, its method (the part before `/`), or either without an encoder prefix.
  func selects(_ name: String) -> Bool {
    guard let only else { return true }
    let unprefixed = name.split(separator: ":").last.map(String.init) ?? name
    return [name, unprefixed].contains { only.contains($0) || only.contains($0.split(separator: "/").first.map(String.init) ?? $0) }
  }
}
