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

  /// A pointer view (see `unsafePointer`).
  struct Pointer {
    let rows: Int
    let columns: Int
    let panels: UnsafePointer<Float>
  }

  /// A pointer view, valid while this matrix (or a value holding it) is alive: use it inside
  /// `withExtendedLifetime` of the owner.
  var unsafePointer: Pointer { Pointer(rows: rows, columns: columns, panels: UnsafePointer(storage.base)) }

  func withPointer<R>(_ body: (Pointer) throws -> R) rethrows -> R {
    try withExtendedLifetime(storage) { try body(unsafePointer) }
  }
}

/// `count` floats on a 64-byte boundary, written once by their owner's initialiser and only read afterwards
/// (which is what makes sharing them across threads safe).
final class AlignedFloats: @unchecked Sendable {
  let base: UnsafeMutablePointer<Float>

  /// Values copied from `values` (at least one float allocated, so the pointer is valid for an empty array).
  convenience init(_ values: [Float]) {
    self.init(count: values.count)
    for (index, value) in values.enumerated() { base[index] = value }
  }

  init(count: Int) {
    base = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Float>.stride, alignment: 64)
      .bindMemory(to: Float.self, capacity: max(1, count))
  }

  deinit { base.deallocate() }
}
