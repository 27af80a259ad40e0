/// The floating-point element types the checkpoint reader converts to `Float`.
///
/// Raw values are safetensors' dtype strings. Storage is little-endian in every case (the safetensors
/// format fixes it), so conversion assembles values from bytes and works on any host and any alignment.
/// Integer, boolean and 8-bit float dtypes are rejected by the reader with
/// ``CheckpointError/unsupportedDType(source:tensor:dtype:)``.
enum SafetensorsDType: String, CaseIterable, Sendable {
  /// IEEE 754 binary32 — the native type; copied without conversion on little-endian hosts.
  case f32 = "F32"
  /// IEEE 754 binary64, rounded to nearest Float32 (finite values beyond ±Float.greatestFiniteMagnitude are
  /// reported by the reader rather than silently turned into infinity).
  case f64 = "F64"
  /// IEEE 754 binary16 — every value, subnormals included, is exactly representable as Float32.
  case f16 = "F16"
  /// bfloat16: the upper 16 bits of a binary32 — widened exactly.
  case bf16 = "BF16"

  /// Bytes per element.
  var byteSize: Int {
    switch self {
    case .f32: return 4
    case .f64: return 8
    case .f16, .bf16: return 2
    }
  }

  /// Converts `count` little-endian elements starting at `bytes.baseAddress` to `Float`.
  ///
  /// - Precondition: `bytes.count == count * byteSize` (the reader has validated the offsets).
  /// - Complexity: O(count); one allocation.
  func decode(_ bytes: UnsafeRawBufferPointer, count: Int) -> [Float] {
    guard count > 0 else { return [] }
    switch self {
    case .f32:
      #if _endian(little)
      return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<count * 4]))
        initialized = count
      }
      #else
      return (0..<count).map { Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
      #endif
    case .f64:
      return (0..<count).map { i in
        Float(Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))))
      }
    case .f16:
      return (0..<count).map { i in
        Self.floatFromHalf(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self)))
      }
    case .bf16:
      return (0..<count).map { i in
        Float(bitPattern: UInt32(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))) << 16)
      }
    }
  }

  /// The F64 element at `index`, for error messages that quote the original value.
  static func double(at index: Int, in bytes: UnsafeRawBufferPointer) -> Double {
    Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
  }

  /// Widens IEEE binary16 bits to Float32 exactly (sign, 5-bit exponent with bias 15, 10-bit fraction).
  ///
  /// Written out with bit operations rather than `Float16`, which is unavailable on some platforms.
  static func floatFromHalf(_ bits: UInt16) -> Float {
    let sign: UInt32 = UInt32(bits & 0x8000) << 16
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = UInt32(bits & 0x03FF)
    switch exponent {
    case 0:
      // Zero or subnormal: fraction × 2^-24, exact in Float32.
      let magnitude = Float(fraction) * 0x1p-24
      return Float(bitPattern: sign | magnitude.bitPattern)
    case 0x1F:
      // Infinity (fraction 0) or NaN (payload kept in the top fraction bits).
      return Float(bitPattern: sign | 0x7F80_0000 | (fraction << 13))
    default:
      // Normal: rebias the exponent from 15 to 127 and widen the fraction from 10 to 23 bits.
      return Float(bitPattern: sign | (UInt32(exponent - 15 + 127) << 23) | (fraction << 13))
    }
  }
}
