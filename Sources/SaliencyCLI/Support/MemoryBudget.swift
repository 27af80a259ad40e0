import Foundation
import LSTMCore

/// Refuses work whose memory is known before it starts to exceed the machine's (`train --hidden-size 100000` is an
/// error naming the sizes, not an abort while allocating 160 GB). Figures are estimates in Double, so absurd sizes
/// cannot overflow.
enum MemoryBudget {
  /// Physical memory in bytes.
  static var physicalBytes: Double { Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE))) }

  /// Training memory: parameters P = V·E + Σ_layer directions G(in + H + 2) + K·D·H + K floats (G = 4H or 3H), held
  /// four times (weights, gradient, Adam's two moments), plus a batch's activations, B·T·(E + L·D·(G + 3H)) floats in
  /// the forward trace and as many again in the backward pass (T = `maxTokens`, the longest a text can be).
  /// - Throws: `CommandError` naming the sizes and the machine's memory when the estimate exceeds it.
  static func check(training config: ModelConfig, batchSize: Int, maxTokens: Int) throws {
    let (v, e, h, k) = (Double(config.vocabularySize), Double(config.embeddingSize), Double(config.hiddenSize),
                        Double(config.classCount))
    let (g, d, layers) = (Double(config.gateWidth), Double(config.directions), Double(config.layers))
    let recurrent = d * g * (e + h + 2) + (layers - 1) * d * g * (d * h + h + 2)
    let parameters = v * e + recurrent + k * d * h + k
    let activations = Double(batchSize) * Double(maxTokens) * (e + layers * d * (g + 3 * h)) * 2
    let bytes = 4 * (4 * parameters + activations)
    guard bytes > physicalBytes else { return }
    throw CommandError("training with vocabulary \(config.vocabularySize), --embedding-size \(config.embeddingSize), --hidden-size \(config.hiddenSize), --batch-size \(batchSize) and --max-tokens \(maxTokens) needs about \(gigabytes(bytes)) of memory; this machine has \(gigabytes(physicalBytes)). Choose smaller sizes")
  }

  static func gigabytes(_ bytes: Double) -> String {
    bytes >= 1e12 ? String(format: "%.0f GB", bytes / 1e9) : String(format: "%.1f GB", bytes / 1e9)
  }
}
