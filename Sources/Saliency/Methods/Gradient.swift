/// Gradient saliency: score_t = ‖∂F/∂e_t‖₂ (unsigned), F = the target's logit or probability (`--of`).
public struct Gradient: InputGradientMethod {
  public static let id = SaliencyMethodID(rawValue: "gradient")
  public static let sign = SaliencySign.unsigned

  public let options: InputGradientOptions
  public init(options: InputGradientOptions) { self.options = options }

  public static func score(gradient: UnsafePointer<Float>, input: UnsafePointer<Float>, count: Int) -> Double {
    DoubleSums.dot(gradient, gradient, count: count).squareRoot()
  }
}
