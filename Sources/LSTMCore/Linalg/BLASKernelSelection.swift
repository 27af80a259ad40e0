import CKernels
import COpenBLAS
import Foundation

/// Makes OpenBLAS use vector kernels on CPUs it does not recognise.
///
/// OpenBLAS 0.3.21 (Debian 12) picks its kernels by CPU model when the library loads; on CPUs newer than its
/// tables (e.g. Sapphire Rapids) it falls back to the SSE3 "Prescott" kernels, which use no wide vectors. The choice
/// can only be changed through `OPENBLAS_CORETYPE` before the library loads, so the tool re-executes itself once
/// with the variable set when the fallback was taken and the CPU has AVX-512 or AVX2. A user's own
/// `OPENBLAS_CORETYPE` is always respected.
public enum BLASKernelSelection {
  /// Set in the re-executed process so it never loops.
  static let guardVariable = "SALIENCY_BLAS_SELECTED"

  /// The kernel set OpenBLAS is using.
  public static var activeCore: String {
    guard let name = openblas_get_corename() else { return "unknown" }
    return String(cString: name)
  }

  /// The kernel set to force, or nil when OpenBLAS's own choice should stand.
  public static var preferredOverride: String? {
    let environment = ProcessInfo.processInfo.environment
    guard environment["OPENBLAS_CORETYPE"] == nil, environment[guardVariable] == nil else { return nil }
    guard ["Prescott", "Core2", "Katmai", "Atom", "Nehalem", "Sandybridge"].contains(activeCore) else { return nil }
    switch saliency_cpu_vector_level() {
    case 4: return "SkylakeX"
    case 3: return "Haswell"
    default: return nil
    }
  }

  /// Re-executes the current process with `OPENBLAS_CORETYPE` set when that makes OpenBLAS faster; returns
  /// (without doing anything) otherwise or if the re-execution fails. Unless the user chose a thread count, the
  /// re-executed library also starts single-threaded (`OPENBLAS_NUM_THREADS=1`): the tool parallelises over its
  /// own work and calls OpenBLAS with one thread (`Gemm.setLibraryThreads`), and an idle pool thread would spin in
  /// `sched_yield` on the other core for the first ~0.1 s of every command.
  public static func reexecuteWithFasterKernelsIfNeeded() {
    guard let core = preferredOverride else { return }
    let environment = ProcessInfo.processInfo.environment
    let setsThreads = environment["OPENBLAS_NUM_THREADS"] == nil && environment["OMP_NUM_THREADS"] == nil
    setenv("OPENBLAS_CORETYPE", core, 1)
    if setsThreads { setenv("OPENBLAS_NUM_THREADS", "1", 1) }
    setenv(guardVariable, "1", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // execv only returns on failure: carry on with the slower kernels.
    unsetenv("OPENBLAS_CORETYPE")
    if setsThreads { unsetenv("OPENBLAS_NUM_THREADS") }
  }
}
