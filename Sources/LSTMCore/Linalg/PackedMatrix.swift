import CKernels

/// A weight matrix B [k, n] packed once into column panels for `Gemm.multiply(m:a:lda:packed:beta:c:ldc:)`:
/// the LSTM's products stream it front to back and never repack it per call (see `packed_gemm.c`).
///
/// The panels start on a 64-byte boundary, so that every vector load reads one cache line; a Swift array's
/// elements start 32 bytes into their allocation, so without this every load of a panel would straddle two lines.
struct PackedMatrix: Sendable {
  /// k
  let rows: Int
  /// n
  let columns: Int
  private let storage: AlignedFloats

  /// Packs B [rows, columns] whose element (p, j) is `source[offset + p·rowStride + j·columnStride]`.
  /// A row-major matrix has columnStride 1; its transpose is packed with the strides swapped.
  init(_ source: [Float], offset: Int, rows: Int, columns: Int, rowStride: Int, columnStride: Int) {
    self.rows = rows
    self.columns = columns
    storage = AlignedFloats(count: saliency_packed_count(rows, columns))
    source.withUnsafeBufferPointer { values in
      saliency_pack_panels(rows, columns, values.baseAddress.unsafelyUnwrapped + offset, rowStride, columnStride,
                           storage.base)
    }
  }

  /// A pointer view, valid inside `withPointer`.
  struct Pointer {
    let rows: Int
    let columns: Int
    let panels: UnsafePointer<Float>
  }

  func withPointer<R>(_ body: (Pointer) throws -> R) rethrows -> R {
    try withExtendedLifetime(storage) {
      try body(Pointer(rows: rows, columns: columns, panels: UnsafePointer(storage.base)))
    }
  }
}

/// `count` floats on a 64-byte boundary, written once by their owner's initialiser and only read afterwards
/// (which is what makes sharing them across threads safe).
private final class AlignedFloats: @unchecked Sendable {
  let base: UnsafeMutablePointer<Float>

  init(count: Int) {
    base = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Float>.stride, alignment: 64)
      .bindMemory(to: Float.self, capacity: max(1, count))
  }

  deinit { base.deallocate() }
}
