import SaliencyKit

/// What an explain request's method fields configure: the settings, and for a model the explainer (target
/// and compatibility checked).
public struct ExplainPlan: Sendable {
  public var settings: MethodSettings
  /// - Throws: `APIError` 400 when the target is not a label of the model or the options need something the
  ///   model lacks.
  public var explainer: @Sendable (TextModel) throws -> Explainer

  public init(settings: MethodSettings, explainer: @escaping @Sendable (TextModel) throws -> Explainer) {
    self.settings = settings
    self.explainer = explainer
  }
}

/// Reads a request's method fields exactly as `saliency explain` and `saliency score` read their flags, with
/// the same messages (the command line provides it, so the two cannot drift apart).
public protocol RequestOptionReader: Sendable {
  /// - Throws: `APIError` 400 with the command line's message.
  func explainPlan(_ fields: MethodFields) throws -> ExplainPlan
  /// `max_tokens` of a score request (the default of `score` when nil).
  /// - Throws: `APIError` 400 with the command line's message.
  func scoreMaxTokens(_ value: OptionArgument?) throws -> Int
}
