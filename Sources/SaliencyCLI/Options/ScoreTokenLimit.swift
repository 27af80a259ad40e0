import ArgumentParser
import SaliencyKit

/// `--max-tokens` of `score` (and of `POST /api/score`, which reads it as `max_tokens`).
struct ScoreTokenLimit: ParsableArguments {
  @Option(name: .long, help: "Truncate longer inputs to this many tokens (default \(TokenLimit.long)); truncated texts are marked \"truncated\": true.")
  var maxTokens = TokenLimit.long

  func validate() throws {
    if maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1.") }
  }
}
