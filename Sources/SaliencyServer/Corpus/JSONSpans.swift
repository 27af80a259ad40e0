import Foundation

/// Where the members of a JSON object or the elements of an array lie in UTF-8 bytes, found without building
/// any value: a scan that only tells strings (with their escapes), brackets and separators apart. It lets the
/// corpus index read a few members of each `examples.jsonl` line and skip the rest (the scores) unparsed.
///
/// The scan assumes well-formed JSON (as `analyze` writes it) and throws on what it cannot follow.
struct JSONSpans {
  struct Malformed: Error {}

  let bytes: UnsafeBufferPointer<UInt8>

  /// The members of the object starting at `start` (after any whitespace), keys as raw bytes between their
  /// quotes (the keys read here are ASCII without escapes), values as byte ranges.
  /// - Complexity: O(n) in the bytes of the object.
  func members(ofObjectAt start: Int) throws -> [(key: Range<Int>, value: Range<Int>)] {
    var index = skipSpace(start)
    guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw Malformed() }
    index = skipSpace(index + 1)
    var members: [(key: Range<Int>, value: Range<Int>)] = []
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return members }
    while true {
      let keyEnd = try endOfString(at: index)
      let key = (index + 1)..<(keyEnd - 1)
      index = skipSpace(keyEnd)
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Malformed() }
      let valueStart = skipSpace(index + 1)
      let valueEnd = try endOfValue(at: valueStart)
      members.append((key, valueStart..<valueEnd))
      index = skipSpace(valueEnd)
      guard index < bytes.count else { throw Malformed() }
      if bytes[index] == UInt8(ascii: "}") { return members }
      guard bytes[index] == UInt8(ascii: ",") else { throw Malformed() }
      index = skipSpace(index + 1)
    }
  }

  /// The number of elements of the array starting at `start`.
  func elementCount(ofArrayAt start: Int) throws -> Int {
    var index = skipSpace(start)
    guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw Malformed() }
    index = skipSpace(index + 1)
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") { return 0 }
    var count = 0
    while true {
      index = skipSpace(try endOfValue(at: index))
      count += 1
      guard index < bytes.count else { throw Malformed() }
      if bytes[index] == UInt8(ascii: "]") { return count }
      guard bytes[index] == UInt8(ascii: ",") else { throw Malformed() }
      index = skipSpace(index + 1)
    }
  }

  /// Whether the raw bytes of a key equal `name`.
  func key(_ range: Range<Int>, is name: StaticString) -> Bool {
    guard range.count == name.utf8CodeUnitCount else { return false }
    return name.withUTF8Buffer { name in zip(range, name).allSatisfy { bytes[$0] == $1 } }
  }

  /// The value in `range` as a string, number or integer; nil when it is of another type.
  func string(_ range: Range<Int>) -> String? {
    guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
    let raw = UnsafeBufferPointer(rebasing: bytes[range])
    if !raw.dropFirst().dropLast().contains(UInt8(ascii: "\\")) {
      return String(decoding: raw.dropFirst().dropLast(), as: UTF8.self)
    }
    return (try? JSONSerialization.jsonObject(with: Data(raw), options: .fragmentsAllowed)) as? String
  }

  func double(_ range: Range<Int>) -> Double? {
    Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
  }

  func integer(_ range: Range<Int>) -> Int? {
    Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
  }

  private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

  private func skipSpace(_ start: Int) -> Int {
    var index = start
    while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    return index
  }

  /// The index after the closing quote of the string that starts at `start`.
  private func endOfString(at start: Int) throws -> Int {
    guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { throw Malformed() }
    var index = start + 1
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\\"): index += 2
      case UInt8(ascii: "\""): return index + 1
      default: index += 1
      }
    }
    throw Malformed()
  }

  /// The index after the value that starts at `start`.
  private func endOfValue(at start: Int) throws -> Int {
    guard start < bytes.count else { throw Malformed() }
    switch bytes[start] {
    case UInt8(ascii: "\""):
      return try endOfString(at: start)
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      var depth = 0
      var index = start
      while index < bytes.count {
        switch bytes[index] {
        case UInt8(ascii: "\""):
          index = try endOfString(at: index)
          continue
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth -= 1
          if depth == 0 { return index + 1 }
        default:
          break
        }
        index += 1
      }
      throw Malformed()
    default:
      var index = start
      while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}"),
            bytes[index] != UInt8(ascii: "]") {
        index += 1
      }
      guard index > start else { throw Malformed() }
      return index
    }
  }
}
