/// The character encodings the readers accept.
public enum TextEncoding: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
  /// UTF-8 (a leading byte-order mark is skipped). Invalid bytes are an error naming the line.
  case utf8 = "utf-8"
  /// ISO 8859-1: every byte is the Unicode scalar of the same value; never invalid.
  case latin1 = "latin-1"

  /// Looks an encoding up by a common name: `utf-8`, `utf8`, `latin-1`, `latin1`, `iso-8859-1`
  /// (case-insensitive).
  public init?(name: String) {
    switch name.lowercased() {
    case "utf-8", "utf8": self = .utf8
    case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1": self = .latin1
    default: return nil
    }
  }

  /// Decodes `bytes`, or returns `nil` if they are not valid in this encoding.
  /// - Complexity: O(n).
  func decode(_ bytes: ArraySlice<UInt8>) -> String? {
    switch self {
    case .utf8:
      guard UTF8Validation.firstInvalidOffset(in: bytes) == nil else { return nil }
      return Self.decodeUTF8(bytes)
    case .latin1:
      return Self.decodeLatin1(bytes)
    }
  }

  /// Decodes `bytes`, replacing anything invalid with U+FFFD: for bytes already validated, and for
  /// showing rejected records.
  func decodeReplacingInvalid(_ bytes: ArraySlice<UInt8>) -> String {
    switch self {
    case .utf8: return Self.decodeUTF8(bytes)
    case .latin1: return Self.decodeLatin1(bytes)
    }
  }

  /// UTF-8 bytes to a `String` through contiguous storage (the generic path is several times slower).
  private static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> String {
    bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
  }

  private static func decodeLatin1(_ bytes: ArraySlice<UInt8>) -> String {
    if !bytes.contains(where: { $0 >= 0x80 }) {
      return decodeUTF8(bytes)
    }
    var utf8: [UInt8] = []
    utf8.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      if byte < 0x80 {
        utf8.append(byte)
      } else {
        utf8.append(0xC0 | (byte >> 6))
        utf8.append(0x80 | (byte & 0x3F))
      }
    }
    return decodeUTF8(utf8[...])
  }
}

/// Finds the first byte that breaks UTF-8 well-formedness (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF).
enum UTF8Validation {
  /// The offset (from `bytes.startIndex`) of the first byte of the first ill-formed sequence, or `nil`
  /// if `bytes` is valid UTF-8. A sequence cut off by the end of `bytes` is ill-formed.
  /// - Complexity: O(n).
  static func firstInvalidOffset(in bytes: ArraySlice<UInt8>) -> Int? {
    bytes.withUnsafeBufferPointer { buffer -> Int? in
      let end = buffer.count
      var i = 0
      while i < end {
        let lead = buffer[i]
        if lead < 0x80 {
          i += 1
          continue
        }
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let trailing: Int
        switch lead {
        case 0xC2...0xDF: trailing = 1
        case 0xE0: trailing = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: trailing = 2
        case 0xED: trailing = 2; high = 0x9F
        case 0xF0: trailing = 3; low = 0x90
        case 0xF1...0xF3: trailing = 3
        case 0xF4: trailing = 3; high = 0x8F
        default: return i
        }
        guard i + trailing < end, (low...high).contains(buffer[i + 1]) else { return i }
        for k in stride(from: 2, through: trailing, by: 1) where !(0x80...0xBF).contains(buffer[i + k]) {
          return i
        }
        i += trailing + 1
      }
      return nil
    }
  }
}
