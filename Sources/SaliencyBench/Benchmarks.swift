import Dispatch
import Foundation
import LSTMCore
import Saliency
import SystemSupport

/// One timed workload: `run` does `units` units of work (tokens or sequences), each of `flopsPerUnit`
/// floating-point operations when that is stated (for methods that no peer runs, whose figure is GFLOP/s).
struct Benchmark {
  let name: String
  let unit: String
  let units: Double
  var flopsPerUnit: Double? = nil
  let run: () -> Void

  struct Result {
    let name: String, unit: String, value: Double, repeats: Int, flopsPerUnit: Double?
    var json: String {
      let gflops = flopsPerUnit.map { ",\"gflops\":" + String(format: "%.1f", value * $0 / 1e9) } ?? ""
      return "{\"tool\":\"saliency\",\"workload\":\"\(name)\",\"unit\":\"\(unit)\",\"value\":\(String(format: "%.1f", value)),\"median_of\":\(repeats)\(gflops)}"
    }
  }

  /// Median throughput over `repeats` timed runs after one warm-up run.
  func measure(repeats: Int) -> Result {
    run()
    var rates: [Double] = []
    for _ in 0..<max(1, repeats) {
      let start = DispatchTime.now().uptimeNanoseconds
      run()
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      rates.append(units / seconds)
    }
    rates.sort()
    return Result(name: name, unit: unit, value: rates[rates.count / 2], repeats: rates.count, flopsPerUnit: flopsPerUnit)
  }
}

enum Benchmarks {
  static func all(workload: StandardWorkload, threads: Int) -> [Benchmark] {
    let model = workload.model
    let sequences = workload.sequences
    let targets = (try? model.probabilities(of: sequences).map { $0[1] > $0[0] ? 1 : 0 }) ?? []
    var list: [Benchmark] = []

    var options = TrainingOptions()
    options.batchSize = 64
    options.threads = threads
    options.epochs = 1
    options.dropout = 0
    options.wordDropout = 0
    let trainSet = sequences.prefix(256).enumerated().map { LabelledSequence(tokens: $1, label: $0 % 2) }
    list.append(Benchmark(name: "train", unit: "tokens/s", units: Double(trainSet.count * workload.length)) {
      _ = try? Trainer(options: options).train(model, train: trainSet, dev: Array(trainSet.prefix(1)))
    })
    list.append(Benchmark(name: "score", unit: "sequences/s", units: Double(sequences.count)) {
      _ = try? model.probabilities(of: sequences, batchSize: 256, threads: threads)
    })

    // Every method with its default options, on as many sequences as take about `stepBudget` token steps by its
    // own cost (a power of two in 4…512), so that slow methods finish and fast ones run long enough to time.
    let stepBudget = 262_144.0
    let methods: [(String, any SaliencyMethod, Int)] = SaliencyMethods.all.compactMap { type in
      guard let method = try? type.init(MethodParameters()) else { return nil }
      let affordable = stepBudget / method.estimatedCost(tokens: workload.length)
      let count = min(512, max(4, 1 << max(0, Int(log2(max(affordable, 1))))))
      return (type.id.rawValue, method, count)
    }
    // FLOPs per sequence of the methods without a peer. A step of the LSTM is 2·4H·(E + H); prefix-prediction adds
    // the output layer at every prefix, 2·H·K per token; LRP recomputes the g gate's pre-activation, 2·H·(E + H),
    // and redistributes it to the step's input and h_{t−1}, another 2·H·(E + H).
    let (e, h, k) = (Double(workload.config.embeddingSize), Double(workload.config.hiddenSize), Double(workload.config.classCount))
    let tokens = Double(workload.length)
    let step = 2 * 4 * h * (e + h)
    let flopsPerSequence: [String: Double] = [
      PrefixPrediction.id.rawValue: tokens * (step + 2 * h * k),
      LRP.id.rawValue: tokens * (step + 4 * h * (e + h)),
    ]
    for (name, method, count) in methods {
      let subset = Array(sequences.prefix(count)), subsetTargets = Array(targets.prefix(count))
      list.append(Benchmark(name: "\(name)/1", unit: "sequences/s", units: Double(count), flopsPerUnit: flopsPerSequence[name]) {
        _ = Parallel.map(count: count, threads: threads) { index in
          try? method.saliency(of: subset[index], target: subsetTargets[index], in: model)
        }
      })
      guard count >= 32 else { continue }
      list.append(Benchmark(name: "\(name)/32", unit: "sequences/s", units: Double(count)) {
        _ = Parallel.map(count: count / 32, threads: threads) { batch in
          try? method.saliency(of: Array(subset[(batch * 32)..<((batch + 1) * 32)]),
                               targets: Array(subsetTargets[(batch * 32)..<((batch + 1) * 32)]), in: model)
        }
      })
    }
    return list
  }
}
