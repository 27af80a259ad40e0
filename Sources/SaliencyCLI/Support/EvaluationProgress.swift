import Foundation
import Synchronization

/// The progress of `evaluate` on stderr: on a terminal, a line redrawn at most five times a second with the
/// phase, the share done and the time left of the phase; otherwise one line every five seconds, so a log shows
/// that the work goes on. Work comes in weighted steps (`FaithfulnessEvaluation`'s cost units), reported from
/// any worker thread; the time left assumes the rest of the phase goes at the rate so far. A timer redraws the
/// line between steps, so the elapsed time moves even while one long step (a chunk of Shapley texts) runs.
/// `@unchecked Sendable`: the timer is only touched in `init` and `finish`; the state is behind a mutex.
final class EvaluationProgress: @unchecked Sendable {
  private struct State {
    var phase = ""
    var total = 0.0
    var done = 0.0
    var phaseStart = Date()
    var lastLine = Date.distantPast
  }

  private let interactive = isatty(STDERR_FILENO) == 1
  private let state = Mutex(State())
  /// Seconds between lines when stderr is not a terminal, and between redraws when it is.
  private static let logInterval = 5.0
  private static let redrawInterval = 0.2
  private let timer: any DispatchSourceTimer

  init() {
    timer = DispatchSource.makeTimerSource(queue: .global())
    let interval = interactive ? Self.redrawInterval : Self.logInterval
    timer.schedule(deadline: .now() + interval, repeating: interval)
    timer.setEventHandler { [weak self] in self?.draw() }
    timer.resume()
  }

  deinit { timer.cancel() }

  func start(_ phase: String, total: Double) {
    state.withLock { $0 = State(phase: phase, total: total, done: 0, phaseStart: Date(), lastLine: .distantPast) }
    draw()
  }

  func step(_ amount: Double) {
    state.withLock { $0.done += amount }
    draw()
  }

  /// Stops the timer and clears the line.
  func finish() {
    timer.cancel()
    if interactive { Diagnostics.write("\r\u{1B}[2K") }
  }

  private func draw() {
    let now = Date()
    let text: String? = state.withLock { state in
      guard now.timeIntervalSince(state.lastLine) >= (interactive ? Self.redrawInterval : Self.logInterval) else { return nil }
      state.lastLine = now
      let fraction = state.total > 0 ? min(1, state.done / state.total) : 0
      let elapsed = now.timeIntervalSince(state.phaseStart)
      var line = "\(state.phase) \(Int(100 * fraction))%  \(Self.clock(elapsed)) elapsed"
      if fraction > 0.02, fraction < 1 { line += "  ETA \(Self.clock(elapsed * (1 - fraction) / fraction))" }
      return line
    }
    guard let text else { return }
    Diagnostics.write(interactive ? "\r\u{1B}[2K" + text : "saliency: evaluate: " + text + "\n")
  }

  static func clock(_ seconds: Double) -> String {
    let total = Int(max(0, seconds.isFinite ? seconds : 0))
    let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
    let mmss = (minutes < 10 && hours > 0 ? "0" : "") + "\(minutes):" + (rest < 10 ? "0" : "") + "\(rest)"
    return hours > 0 ? "\(hours):" + mmss : mmss
  }
}
