import Foundation

/// A `RequestOptionReader` that remembers what another one read, for the `capacity` most recently added field
/// sets. The command line's parser builds its whole option table (every option's help included) on each parse,
/// which costs more than explaining a 40-token text, and a page sends the same method fields request after
/// request. A plan is a pure function of the fields (the model is applied per request, by `ExplainPlan.explainer`),
/// so a remembered one answers as a new parse would. Refusals are not remembered: the base reader throws its own
/// message again.
///
/// `@unchecked Sendable`: the memos are read and written under `lock`.
final class RememberingOptionReader: RequestOptionReader, @unchecked Sendable {
  private let base: any RequestOptionReader
  private let lock = NSLock()
  private var plans: BoundedMemo<MethodFields, ExplainPlan>
  private var scoreLimits: BoundedMemo<OptionArgument?, Int>

  /// - Precondition: `capacity ≥ 1`.
  init(_ base: any RequestOptionReader, capacity: Int = 256) {
    self.base = base
    plans = BoundedMemo(capacity: capacity)
    scoreLimits = BoundedMemo(capacity: capacity)
  }

  func explainPlan(_ fields: MethodFields) throws -> ExplainPlan {
    if let plan = lock.withLock({ plans.value(for: fields) }) { return plan }
    let plan = try base.explainPlan(fields)
    lock.withLock { plans.remember(plan, for: fields) }
    return plan
  }

  func scoreMaxTokens(_ value: OptionArgument?) throws -> Int {
    if let limit = lock.withLock({ scoreLimits.value(for: value) }) { return limit }
    let limit = try base.scoreMaxTokens(value)
    lock.withLock { scoreLimits.remember(limit, for: value) }
    return limit
  }
}

/// At most `capacity` values by key; adding one more forgets the oldest added.
struct BoundedMemo<Key: Hashable, Value> {
  let capacity: Int
  private var values: [Key: Value] = [:]
  /// The keys of `values`, oldest first.
  private var order: [Key] = []

  /// - Precondition: `capacity ≥ 1`.
  init(capacity: Int) {
    precondition(capacity >= 1, "a memo holds at least one value")
    self.capacity = capacity
  }

  var count: Int { values.count }

  func value(for key: Key) -> Value? { values[key] }

  mutating func remember(_ value: Value, for key: Key) {
    if values.updateValue(value, forKey: key) == nil { order.append(key) }
    if order.count > capacity { values[order.removeFirst()] = nil }
  }
}

extension OptionArgument: Hashable {
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .flag(let value): hasher.combine(0); hasher.combine(value)
    case .text(let value): hasher.combine(1); hasher.combine(value)
    }
  }
}

extension MethodFields: Hashable {
  public func hash(into hasher: inout Hasher) {
    hasher.combine(method)
    hasher.combine(target)
    hasher.combine(maxTokens)
    hasher.combine(options.count)
    for (option, value) in options {
      hasher.combine(option)
      hasher.combine(value)
    }
  }
}
