import Foundation
import Synchronization

/// The progress line of `evaluate` on stderr, only on a terminal: the current phase and how much of it is done.
/// Steps may be reported from any worker thread.
final class EvaluationProgress: Sendable {
  private struct State {
    var phase = ""
    var total = 0
    var done = 0
  }

  private let interactive = isatty(STDERR_FILENO) == 1
  private let state = Mutex(State())

  func start(_ phase: String, total: Int) {
    state.withLock { $0 = State(phase: phase, total: total, done: 0) }
    draw()
  }

  func step() {
    state.withLock { $0.done += 1 }
    draw()
  }

  /// Clears the line.
  func finish() {
    if interactive { Diagnostics.write("\r\u{1B}[2K") }
  }

  private func draw() {
    guard interactive else { return }
    let text = state.withLock { "\r\u{1B}[2K\($0.phase) \($0.done)/\($0.total)" }
    Diagnostics.write(text)
  }
}
