import SaliencyKit

/// What one request may ask of the server, and how much work it holds at once.
public struct ServerLimits: Sendable, Equatable {
  /// Largest request body, in bytes (`--max-body`); larger bodies are refused with 413.
  public var maxBodyBytes: Int
  /// Largest `max_tokens` a request may ask for, and where texts are cut when it asks for none
  /// (`--max-tokens`); asking for more is refused with 413.
  public var maxTokens: Int
  /// Requests computed at once (`--workers`).
  public var workers: Int
  /// Requests waiting for a worker (`--queue`); one more is refused with 429.
  public var queueCapacity: Int
  /// Seconds a request may take, waiting included (`--time-budget`): a request whose estimated work is longer
  /// is refused with 413, one still waiting when it runs out with 429.
  public var timeBudget: Double

  public init(maxBodyBytes: Int = ServerLimits.defaultBodyBytes, maxTokens: Int = TokenLimit.short, workers: Int = 2,
              queueCapacity: Int = 16, timeBudget: Double = 10) {
    self.maxBodyBytes = maxBodyBytes
    self.maxTokens = maxTokens
    self.workers = workers
    self.queueCapacity = queueCapacity
    self.timeBudget = timeBudget
  }

  /// 1 MiB.
  public static let defaultBodyBytes = 1 << 20
}
