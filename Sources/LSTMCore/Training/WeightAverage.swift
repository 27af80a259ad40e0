/// An exponential moving average of the weights (Polyak averaging):
///
///     θ̄_0 = θ_0,   θ̄_t = θ̄_{t−1} + (1 − d_t) (θ_t − θ̄_{t−1}),   d_t = min(d, (1 + t) / (10 + t))      (A1)
///
/// The warm-up d_t keeps the random initial weights from dominating the first epochs' average; after about
/// 10 / (1 − d) steps d_t = d, and the average spans roughly the last 1 / (1 − d) steps.
struct WeightAverage: Sendable {
  let decay: Float
  private(set) var parameters: [Float]
  private var steps = 0

  /// nil when `decay` is 0 (averaging off).
  init?(decay: Float, initial: [Float]) {
    guard decay > 0 else { return nil }
    precondition(decay < 1, "the decay of a weight average is in [0, 1)")
    self.decay = decay
    parameters = initial
  }

  /// Folds in the weights after one optimiser step (A1). - Complexity: O(P).
  mutating func update(with current: [Float]) {
    precondition(current.count == parameters.count, "one weight per averaged weight")
    steps += 1
    let rate = 1 - min(decay, Float(1 + steps) / Float(10 + steps))
    parameters.withUnsafeMutableBufferPointer { averaged in
      current.withUnsafeBufferPointer { theta in
        for index in 0..<theta.count { averaged[index] += rate * (theta[index] - averaged[index]) }
      }
    }
  }
}
