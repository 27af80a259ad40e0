import Dispatch
import Foundation
import Synchronization

/// Ctrl-C for every command that does not poll an ``InterruptFlag``: one line on stderr and exit 1, at once.
/// Outputs are only ever renamed into place complete, so nothing half-written stays behind; a temporary file
/// of the killed write is removed by the next write of the same output. Only async-signal-safe calls run in
/// the handler (`write` of a static string, `_exit`).
enum DefaultInterrupt {
  static func install() {
    // A parent may have blocked SIGINT (test runners, some process supervisors); the mask is inherited, and a
    // blocked signal would never reach the handler.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    signal(SIGINT) { _ in
      let message: StaticString = "saliency: error: interrupted; no output was written or changed\n"
      _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
      _exit(1)
    }
  }
}

/// Turns Ctrl-C (SIGINT) into a flag that long-running work polls between batches, so it can stop cleanly
/// (`train` keeps its best model so far); a second Ctrl-C ends the process at once. Outputs are written
/// atomically, so nothing half-written is left behind.
/// `@unchecked Sendable`: the signal source is only touched in `init`; the flag is atomic.
final class InterruptFlag: @unchecked Sendable {
  private let raised = Atomic<Bool>(false)
  private let source: any DispatchSourceSignal

  init() {
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { [unowned self] in
      // A second Ctrl-C does not wait for the current batch (a Shapley batch can take a minute): it ends the
      // process at once; the hidden directory of an unfinished output is removed by the next run.
      if raised.exchange(true, ordering: .relaxed) {
        Diagnostics.error("interrupted again; stopped at once, no output was written or changed")
        _exit(1)
      }
      Diagnostics.note("stopping after the current batch (Ctrl-C again to stop at once)")
    }
    source.resume()
  }

  var isRaised: Bool { raised.load(ordering: .relaxed) }
}
