import Dispatch
import Foundation
import Synchronization

/// Turns Ctrl-C (SIGINT) into a flag that long-running work polls, so it can stop cleanly; outputs are written
/// atomically, so nothing half-written is left behind.
/// `@unchecked Sendable`: the signal source is only touched in `init`; the flag is atomic.
final class InterruptFlag: @unchecked Sendable {
  private let raised = Atomic<Bool>(false)
  private let source: any DispatchSourceSignal

  init() {
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { [unowned self] in raised.store(true, ordering: .relaxed) }
    source.resume()
  }

  var isRaised: Bool { raised.load(ordering: .relaxed) }
}
