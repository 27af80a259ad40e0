/// The few flags of saliency-bench, parsed by hand to keep the benchmark free of dependencies.
struct BenchArguments {
  var only: Set<String>? = nil
  var repeats = 5
  var threads = 2
  var workloadDirectory: String?

  init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
      switch argument {
      case "--only": only = Set((iterator.next() ?? "").split(separator: ",").map(String.init))
      case "--repeats": repeats = Int(iterator.next() ?? "") ?? repeats
      case "--threads": threads = Int(iterator.next() ?? "") ?? threads
      case "--write-workload": workloadDirectory = iterator.next()
      default: break
      }
    }
  }

  func selects(_ name: String) -> Bool { only.map { $0.contains(name) || $0.contains(name.split(separator: "/").first.map(String.init) ?? name) } ?? true }
}
