/// The reference triple loop for `Gemm.multiply`, accumulated in Double.
/// Tests compare OpenBLAS against it; production code never calls it.
public enum NaiveGemm {
  /// C[m,n] = alpha · op(A)[m,k] · op(B)[k,n] + beta · C, all row-major.
  public static func multiply(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    for row in 0..<m {
      for column in 0..<n {
        var sum = 0.0
        for inner in 0..<k {
          let left = transA == .none ? a[row * lda + inner] : a[inner * lda + row]
          let right = transB == .none ? b[inner * ldb + column] : b[column * ldb + inner]
          sum += Double(left) * Double(right)
        }
        let previous = beta == 0 ? 0 : Double(beta) * Double(c[row * ldc + column])
        c[row * ldc + column] = Float(Double(alpha) * sum + previous)
      }
    }
  }
}
