import CKernels
import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// Whether a matrix operand is used as stored or transposed.
public enum Transpose: Sendable {
  case none
  case transposed

  var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// Single-precision matrix products on row-major buffers through OpenBLAS.
///
/// This is the only file that calls into OpenBLAS (and the C product kernels); `NaiveGemm` is the reference loop
/// that tests compare it with.
public enum Gemm {
  /// C[m,n] = alpha · op(A)[m,k] · op(B)[k,n] + beta · C, all row-major.
  ///
  /// - Parameters: `lda`, `ldb`, `ldc` are the row strides of A, B, C as stored.
  /// - Complexity: 2·m·n·k FLOPs.
  @inlinable
  public static func multiply(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      scale(c, rows: m, columns: n, stride: ldc, by: beta)
      return
    }
    blasMultiply(transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                 beta: beta, c: c, ldc: ldc)
  }

  /// C[m,n] = beta · C + A[m,k] · B, with B [k, n] a packed weight matrix; A and C row-major.
  ///
  /// Row-stable (see `withRowStableProducts`) except for a one-row product outside that mode.
  /// - Complexity: 2·m·n·k FLOPs.
  static func multiply(m: Int, a: UnsafePointer<Float>, lda: Int, packed b: PackedMatrix.Pointer,
                       beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
    guard m > 0 else { return }
    saliency_packed_gemm(m, b.columns, b.rows, a, lda, b.panels, beta, c, ldc)
  }

  /// C[m,n] = Z[m,n] + A[m,k] · B with B packed, Z row-major with row stride `ldz`: the same sums as
  /// `multiply(m:a:lda:packed:beta:c:ldc:)` with beta 1 and C holding Z, without copying Z into C first.
  /// - Complexity: 2·m·n·k FLOPs.
  static func multiply(m: Int, a: UnsafePointer<Float>, lda: Int, packed b: PackedMatrix.Pointer,
                       adding z: UnsafePointer<Float>, ldz: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
    guard m > 0 else { return }
    saliency_packed_gemm_adding(m, b.columns, b.rows, a, lda, b.panels, 1, z, ldz, c, ldc)
  }

  /// Up to this many rows, a plain product with an unpacked B (the LSTM's weights are packed, so this is the
  /// output layer's) runs in `saliency_small_gemm`, which streams B as stored; OpenBLAS repacks all of B per call
  /// and only wins from about 24 rows (measured at n = 1024, k = 256).
  public static let smallRowLimit = 24

  @usableFromInline
  static func blasMultiply(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    if transA == .none, alpha == 1, saliency_row_stable_products() != 0 {
      if transB == .none {
        saliency_small_gemm(m, n, k, a, lda, b, ldb, beta, c, ldc)
      } else {
        saliency_small_gemm_bt(m, n, k, a, lda, b, ldb, beta, c, ldc)
      }
      return
    }
    if transA == .none, transB == .none, alpha == 1, m <= smallRowLimit {
      saliency_small_gemm(m, n, k, a, lda, b, ldb, beta, c, ldc)
      return
    }
    if m == 1 {
      // One row: a matrix-vector product, which OpenBLAS does faster as sgemv (memory-bound either way).
      // c = alpha·op(B)ᵀ·a + beta·c, with op(B) [k, n] stored [n, k] when transposed.
      let incA = transA == .none ? 1 : lda
      if transB == .transposed {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(k), alpha, b, Int32(ldb), a, Int32(incA), beta, c, 1)
      } else {
        cblas_sgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(n), alpha, b, Int32(ldb), a, Int32(incA), beta, c, 1)
      }
      return
    }
    cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// y = op(A)·x + beta·y in double precision, A row-major [rows, columns]: y has `rows` values, or `columns` when
  /// A is transposed. For the relevance sums of LRP, which need float64 to conserve relevance.
  /// - Complexity: 2·rows·columns FLOPs.
  public static func multiplyVector(_ trans: Transpose, rows: Int, columns: Int, a: UnsafePointer<Double>,
                                    x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>) {
    guard rows > 0, columns > 0 else { return }
    cblas_dgemv(CblasRowMajor, trans.cblas, Int32(rows), Int32(columns), 1, a, Int32(columns), x, 1, beta, y, 1)
  }

  @usableFromInline
  static func scale(_ c: UnsafeMutablePointer<Float>, rows: Int, columns: Int, stride: Int, by beta: Float) {
    for row in 0..<rows {
      for column in 0..<columns {
        c[row * stride + column] = beta == 0 ? 0 : beta * c[row * stride + column]
      }
    }
  }

  /// Runs `body` with row-stable products on the calling thread: every row of C = A·op(B) (A not transposed) is
  /// computed by the same instructions in the same order whatever m is, so a sequence's outputs and gradients
  /// never depend on its batch-mates. Otherwise unpacked products of more than `smallRowLimit` rows go to
  /// OpenBLAS, whose blocking depends on the shape, and a one-row product with packed weights sums in two
  /// interleaved halves. The corpus analysis uses it so that sharded runs merge into exactly the unsharded result.
  public static func withRowStableProducts<T>(_ body: () throws -> T) rethrows -> T {
    let previous = saliency_row_stable_products()
    saliency_set_row_stable_products(1)
    defer { saliency_set_row_stable_products(previous) }
    return try body()
  }

  /// Sets how many threads OpenBLAS uses inside one call. The tool runs one OpenBLAS thread per worker
  /// and parallelises over independent work itself (`Parallel`); threads in both would oversubscribe the cores.
  public static func setLibraryThreads(_ count: Int) {
    openblas_set_num_threads(Int32(max(1, count)))
    if count <= 1 { stopLibraryThreadPool() }
  }

  /// OpenBLAS's pthread build starts its thread pool when the library loads, and an idle pool thread spins in
  /// `sched_yield` for about 0.1 s (2²⁸ cycles) before it sleeps: on two cores that takes a core from the tool's
  /// own workers at the start of every command. With one library thread the pool has no use, so it is joined
  /// through `blas_thread_shutdown_` (OpenBLAS starts it again by itself if a later call asks for threads). Builds
  /// without a pool (serial, OpenMP) lack the symbol.
  static func stopLibraryThreadPool() {
    typealias Shutdown = @convention(c) () -> Int32
    guard let symbol = dlsym(nil, "blas_thread_shutdown_") else { return }
    _ = unsafeBitCast(symbol, to: Shutdown.self)()
  }
}
