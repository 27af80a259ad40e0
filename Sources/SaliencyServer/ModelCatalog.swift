import Foundation
import LSTMCore
import SaliencyKit

/// The models a server offers (both embedded defaults, then every `--model`), by name, each with how fast it
/// runs on this machine (for the time budget).
public struct ModelCatalog: Sendable {
  public struct Entry: Sendable {
    public let model: TextModel
    /// Seconds per forward token step, measured when the server starts (`measure(_:)`).
    public let secondsPerStep: Double
  }

  public let entries: [Entry]

  /// - Throws: `APIError` naming two models that share a name (requests name models by name only).
  public init(models: [TextModel], measure: Bool = true) throws {
    var seen = Set<String>()
    for model in models where !seen.insert(model.name).inserted {
      throw APIError.badRequest("two models are named \(model.name); a request names a model by its name, so give files with different names")
    }
    entries = models.map { Entry(model: $0, secondsPerStep: measure ? Self.measure($0.classifier) : 0) }
  }

  /// The model a request names, or without a name the default for its text's script (as the command line).
  /// - Throws: `APIError` 400 for a name this server does not offer.
  func entry(named name: String?, forText text: String?) throws -> Entry {
    let wanted = name ?? EmbeddedModel.default(forText: text).rawValue
    guard let entry = entries.first(where: { $0.model.name == wanted }) else {
      throw APIError.badRequest("unknown model '\(wanted)'; this server offers \(entries.map(\.model.name).joined(separator: ", ")) (GET /api/models)")
    }
    return entry
  }

  /// The fastest of three batched forward passes over 8 texts of 64 tokens, per token step: the unit of
  /// `SaliencyMethod.cost(tokens:options:)`.
  static func measure(_ classifier: Classifier) -> Double {
    let vocabulary = classifier.config.vocabularySize
    let batch = (0..<8).map { sequence in (0..<64).map { 1 + (sequence * 64 + $0 * 7919) % max(1, vocabulary - 1) } }
    var best = Double.infinity
    for _ in 0..<3 {
      let start = ContinuousClock.now
      guard (try? classifier.forward(batch)) != nil else { return 0 }
      let elapsed = ContinuousClock.now - start
      best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return best / Double(8 * 64)
  }
}
