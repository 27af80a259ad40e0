import Foundation

/// The requests being computed and those waiting for a worker: `workers` threads of its own (so a long
/// explanation never blocks the server's event loops or Swift's cooperative pool) and at most `capacity`
/// waiting requests.
///
/// - A request beyond the capacity is refused at once (429); one that is still waiting when its deadline
///   passes is refused when a worker reaches it (429); one whose task is cancelled while it waits (the client
///   went away) leaves the queue at once.
/// - `close()` refuses every waiting request and every later one (503); those being computed finish.
///
/// `@unchecked Sendable`: every mutable field is read and written under `condition`.
final class WorkQueue: @unchecked Sendable {
  private struct Job {
    let id: UInt64
    let deadline: ContinuousClock.Instant
    /// Computes and resumes the caller.
    let run: @Sendable () -> Void
    /// Resumes the caller with an error instead.
    let fail: @Sendable (any Error) -> Void
  }

  /// Counts for tests and logs.
  struct Load: Equatable {
    var running: Int
    var waiting: Int
  }

  let workers: Int
  let capacity: Int
  private let condition = NSCondition()
  private var waiting: [Job] = []
  private var running = 0
  private var closed = false
  private var nextID: UInt64 = 0

  /// Starts `workers` threads.
  /// - Precondition: `workers ≥ 1`, `capacity ≥ 0`.
  init(workers: Int, capacity: Int) {
    precondition(workers >= 1 && capacity >= 0, "a queue needs a worker")
    self.workers = workers
    self.capacity = capacity
    for index in 0..<workers {
      let thread = Thread { [self] in work() }
      thread.name = "saliency-serve-worker-\(index)"
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  /// Runs `body` on a worker and returns its result.
  /// - Throws: `APIError` 429 when the queue is full or the deadline passed before a worker was free, 503
  ///   after `close()`; `CancellationError` when the calling task is cancelled while waiting; what `body` throws.
  func run<T: Sendable>(deadline: ContinuousClock.Instant, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    let id = takeID()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let job = Job(id: id, deadline: deadline,
                      run: { continuation.resume(with: Result { try body() }) },
                      fail: { continuation.resume(throwing: $0) })
        condition.lock()
        let refusal: (any Error)?
        if closed {
          refusal = APIError.shuttingDown
        } else if Task.isCancelled {
          refusal = CancellationError()
        } else if waiting.count + 1 - max(0, workers - running) > capacity {
          refusal = APIError.busy("the server is busy (\(running) request(s) computing, \(waiting.count) waiting); try again shortly")
        } else {
          refusal = nil
          waiting.append(job)
          condition.signal()
        }
        condition.unlock()
        if let refusal { job.fail(refusal) }
      }
    } onCancel: {
      condition.lock()
      let index = waiting.firstIndex { $0.id == id }
      let job = index.map { waiting.remove(at: $0) }
      condition.unlock()
      job?.fail(CancellationError())
    }
  }

  private func takeID() -> UInt64 {
    condition.lock()
    defer { condition.unlock() }
    nextID += 1
    return nextID
  }

  /// Refuses every waiting request and every later one; requests being computed finish.
  func close() {
    condition.lock()
    closed = true
    let dropped = waiting
    waiting.removeAll()
    condition.broadcast()
    condition.unlock()
    for job in dropped { job.fail(APIError.shuttingDown) }
  }

  var load: Load {
    condition.lock()
    defer { condition.unlock() }
    return Load(running: running, waiting: waiting.count)
  }

  /// A worker's loop: take the oldest waiting job, refuse it if its deadline passed, else compute it.
  private func work() {
    while true {
      condition.lock()
      while waiting.isEmpty, !closed { condition.wait() }
      if waiting.isEmpty {
        condition.unlock()
        return
      }
      let job = waiting.removeFirst()
      running += 1
      condition.unlock()
      if ContinuousClock.now > job.deadline {
        job.fail(APIError.busy("the request waited longer than this server's time budget for a worker; try again shortly"))
      } else {
        job.run()
      }
      condition.lock()
      running -= 1
      condition.unlock()
    }
  }
}
