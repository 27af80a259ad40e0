import LSTMCore

/// Where a map's colours saturate on an absolute scale: the one place that says, per method and measure,
/// what score is "strong", so a map of ±4e-4 looks faint and a map of ±0.4 looks strong (rather than each
/// map being stretched to its own largest |score|).
///
/// | method (option)                                   | saturates at        | why |
/// |---------------------------------------------------|---------------------|-----|
/// | `occlusion`, `shapley` (`--measure probability`)  | ±0.5 probability    | one token moving the target's probability by half of its range is as strong as it gets |
/// | `occlusion`, `shapley` (`--measure logit` or `log-odds`) | ±2 logit or log-odds | the same reference in logits: softmax's slope dp/dz is at most 1/4, so a logit change of 2 moves a probability by at most 0.5 (and does so at the decision boundary) |
/// | `prefix-prediction`                               | ±0.5 probability    | a change of the prefix's probability, as occlusion |
/// | `grad-input`, `integrated-gradients`, `smoothgrad` with `--base grad-input` (`--of logit`) | ±2 logit | first-order (IG: exact) shares of the logit, as occlusion in logit |
/// | the same with `--of probability`                  | ±0.5 probability    | shares of the probability |
/// | `lrp`                                             | ±2 logit            | LRP distributes the target's logit |
/// | `trajectory --normalize`                          | ±0.5 (of ‖h_n‖)     | the scores are shares of ‖h_n‖ (they sum to 1): one word covering half the way to h_n is as strong as it gets |
/// | `trajectory`                                      | ±0.5·‖h_n‖ of its text | the same share; ‖h_n‖ = Σ scores − axiom gap, read off the map |
/// | `gradient`, `smoothgrad --base gradient`          | none                | ‖∂F/∂e_t‖ is per unit of embedding: its size depends on the model's embedding scale, so there is no model-independent strong value |
/// | `occlusion --measure hidden-distance`             | none                | ‖h_n − h_n′‖ depends on the hidden size and the model; the map does not carry ‖h_n‖ to relate it to |
/// | `embedding-norm`                                 | none                | ‖v_w‖ is in the units of the model's embedding table |
///
/// Each method's options say which row applies (`MethodOptions.colorSaturation(of:)`). "none" means the
/// renderers fall back to the map's own largest |score| and say so in the legend.
///
/// Measured on the default models' test splits (2,221 English tweets, 1,712 Chinese reviews), the largest
/// |score| of a text: occlusion in probability, median 0.061 (en) and 0.094 (zh), 90th percentile 0.41 (both),
/// 5.7% (en) and 6.7% (zh) of texts reach ±0.5; occlusion in logit (en), median 0.59, 90th percentile 1.24;
/// grad-input in logit, median 0.42 (en) and 0.27 (zh), 90th percentile 0.83 and 0.57. So a saturated colour
/// is rare and means a token that moves the prediction a lot; most maps are faint because most single
/// tokens barely move a confident prediction.
public struct ColorSaturation: Sendable, Equatable, Codable {
  /// The |score| at which the colour reaches the end of the scale (> 0, finite).
  public var value: Double
  /// The unit in words for legends, e.g. `probability`, `logit`, `of ‖h_n‖`, `= 0.5·‖h_n‖`.
  public var unit: String

  public init(value: Double, unit: String) {
    self.value = value
    self.unit = unit
  }

  /// A change of probability that saturates the colour.
  public static let probability = ColorSaturation(value: 0.5, unit: "probability")
  /// A change of logit that saturates the colour.
  public static let logit = ColorSaturation(value: 2, unit: "logit")
  /// A change of log-odds log p/(1 − p) that saturates the colour: as for the logit (for two classes the
  /// log-odds is the logit difference, whose slope dp/dz is at most 1/4 as well).
  public static let logOdds = ColorSaturation(value: 2, unit: "log-odds")
  /// The share of ‖h_n‖ that saturates the colour for `trajectory`.
  public static let trajectoryShare = 0.5
}

extension PerturbationMeasure {
  /// The saturation of a change in this measure; nil for `hidden-distance`, which has no model-independent unit.
  public var colorSaturation: ColorSaturation? {
    switch self {
    case .probability: .probability
    case .logit: .logit
    case .logOdds: .logOdds
    case .hiddenDistance: nil
    }
  }
}

extension ExplainedOutput {
  /// The saturation of a share of this output.
  public var colorSaturation: ColorSaturation {
    switch self {
    case .logit: .logit
    case .probability: .probability
    }
  }
}
