/// Gradient × input: score_t = Σ_d ∂F/∂e_{t,d} · e_{t,d}; positive supports the target.
public struct GradientTimesInput: InputGradientMethod {
  public static let id = SaliencyMethodID(rawValue: "grad-input")
  public static let sign = SaliencySign.supportsTarget

  public let options: InputGradientOptions
  public init(options: InputGradientOptions) { self.options = options }

  public static func score(gradient: UnsafePointer<Float>, input: UnsafePointer<Float>, count: Int) -> Double {
    DoubleSums.dot(gradient, input, count: count)
  }
}
