import Foundation

/// Adam (Kingma & Ba 2015) with bias correction over the flat parameter buffer.
public struct Adam: Sendable {
  public var learningRate: Float
  public let beta1: Float
  public let beta2: Float
  public let epsilon: Float
  private var firstMoment: [Float]
  private var secondMoment: [Float]
  private var stepCount = 0

  public init(parameterCount: Int, learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    firstMoment = [Float](repeating: 0, count: parameterCount)
    secondMoment = [Float](repeating: 0, count: parameterCount)
  }

  /// θ ← θ − lr · m̂ / (√v̂ + ε), with m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t).
  /// A parameter whose gradient has always been zero (the frozen `<pad>` row) never moves.
  /// - Complexity: O(P).
  public mutating func step(parameters: inout [Float], gradients: [Float]) {
    precondition(parameters.count == gradients.count && gradients.count == firstMoment.count, "one gradient per parameter")
    stepCount += 1
    let correction1 = 1 - pow(beta1, Float(stepCount))
    let correction2 = 1 - pow(beta2, Float(stepCount))
    let (b1, b2, eps) = (beta1, beta2, epsilon)
    let stepSize = learningRate / correction1
    let secondScale = 1 / correction2.squareRoot()
    firstMoment.withUnsafeMutableBufferPointer { m in
      secondMoment.withUnsafeMutableBufferPointer { v in
        parameters.withUnsafeMutableBufferPointer { theta in
          gradients.withUnsafeBufferPointer { g in
            for index in 0..<g.count {
              let gradient = g[index]
              m[index] = b1 * m[index] + (1 - b1) * gradient
              v[index] = b2 * v[index] + (1 - b2) * gradient * gradient
              theta[index] -= stepSize * m[index] / (v[index].squareRoot() * secondScale + eps)
            }
          }
        }
      }
    }
  }
}
