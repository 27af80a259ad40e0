import Dispatch
import LSTMCore
import Saliency
import SystemSupport

/// Every text's map under each method, computed method by method over all texts on the evaluation's workers,
/// with the wall-clock time each method took (the cost measure).
struct MethodMaps {
  /// maps[method][text]
  var maps: [[SaliencyMap]]
  /// Seconds each method took over all texts. [methods]
  var seconds: [Double]

  init(maps: [[SaliencyMap]], seconds: [Double]) {
    self.maps = maps
    self.seconds = seconds
  }

  /// - Parameters: `targets` one class per text. Texts run in chunks of `chunkSize`, chunks on `threads` workers.
  /// - Throws: the first error of any method.
  ///   `onChunkDone(method, texts)` is called from the workers as each chunk of texts is explained.
  init(methods: [any SaliencyMethod], sequences: [[Int]], targets: [Int], model: Classifier, threads: Int,
       chunkSize: Int = 32, onChunkDone: @escaping @Sendable (Int, Range<Int>) -> Void = { _, _ in }) throws {
    maps = []
    seconds = []
    let chunkCount = (sequences.count + chunkSize - 1) / chunkSize
    for (index, method) in methods.enumerated() {
      let start = DispatchTime.now().uptimeNanoseconds
      let chunks = Parallel.map(count: chunkCount, threads: threads) { chunk -> Result<[SaliencyMap], any Error> in
        let range = (chunk * chunkSize)..<min(sequences.count, (chunk + 1) * chunkSize)
        defer { onChunkDone(index, range) }
        return Result { try method.saliency(of: Array(sequences[range]), targets: Array(targets[range]), in: model) }
      }
      var all: [SaliencyMap] = []
      all.reserveCapacity(sequences.count)
      for chunk in chunks { all += try chunk.get() }
      seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      maps.append(all)
    }
  }
}
