import SystemSupport

/// A JSON value as written in a safetensors header, parsed without loss.
///
/// A dedicated parser (rather than `JSONSerialization`) because the header needs three things the
/// Foundation parser hides: object members in file order with duplicates kept (so a repeated tensor name
/// is an error, not a silent overwrite), numbers as their exact text (so `1.5`, `1e3` and integers beyond
/// 2^53 are told apart from integers), and byte offsets for syntax errors.
enum SafetensorsJSON: Equatable, Sendable {
  /// One `"key": value` pair of an object.
  struct Member: Equatable, Sendable {
    var key: String
    var value: SafetensorsJSON
  }

  /// Members in file order; duplicate keys are kept.
  case object([Member])
  case array([SafetensorsJSON])
  case string(String)
  /// The number exactly as written, e.g. `"-12"`, `"1.5"`, `"1e3"`.
  case number(String)
  case bool(Bool)
  case null

  /// "object", "array", "string", "number", "boolean" or "null" — for error messages.
  var kindName: String {
    switch self {
    case .object: return "object"
    case .array: return "array"
    case .string: return "string"
    case .number: return "number"
    case .bool: return "boolean"
    case .null: return "null"
    }
  }

  /// The value as an `Int` if it is a number written as an integer literal (no fraction, no exponent)
  /// that fits in `Int`; otherwise `nil`.
  var integerLiteral: Int? {
    guard case .number(let text) = self,
      !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
    else { return nil }
    return Int(text)
  }

  /// The value written back as compact JSON, for quoting offending values in error messages.
  /// Long output is cut to `limit` characters.
  func excerpt(limit: Int = 40) -> String {
    let text: String
    switch self {
    case .object: text = "{…}"
    case .array(let items): text = "[" + items.map { $0.excerpt(limit: limit) }.joined(separator: ",") + "]"
    case .string(let value): text = JSONString.quoted(value)
    case .number(let value): text = value
    case .bool(let value): text = value ? "true" : "false"
    case .null: text = "null"
    }
    return text.count > limit ? String(text.prefix(limit)) + "…" : text
  }
}

/// Recursive-descent parser for RFC 8259 JSON over raw bytes.
///
/// - Precondition: the input is valid UTF-8 (the header reader checks this first), so string contents
///   can be decoded without repair.
/// - Complexity: O(n) time; nesting deeper than ``maximumDepth`` is rejected rather than risking the stack.
struct SafetensorsJSONParser {
  /// A syntax error at a byte offset of the input.
  struct SyntaxError: Error, Equatable {
    var message: String
    var offset: Int

    /// e.g. "expected ',' or '}' at byte 41".
    var description: String { "\(message) at byte \(offset)" }
  }

  /// Deepest nesting accepted; a safetensors header needs 3 (header → entry → shape).
  static let maximumDepth = 64

  private let bytes: UnsafeRawBufferPointer
  private var position = 0

  private init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  /// Parses exactly one JSON value surrounded by optional whitespace.
  static func parse(_ bytes: UnsafeRawBufferPointer) throws(SyntaxError) -> SafetensorsJSON {
    var parser = SafetensorsJSONParser(bytes)
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    if parser.position < bytes.count {
      throw SyntaxError(message: "unexpected \(parser.describeCurrent()) after the end of the value", offset: parser.position)
    }
    return value
  }

  // MARK: Values

  private mutating func parseValue(depth: Int) throws(SyntaxError) -> SafetensorsJSON {
    guard depth < Self.maximumDepth else {
      throw SyntaxError(message: "nesting deeper than \(Self.maximumDepth) levels", offset: position)
    }
    guard let byte = peek() else { throw SyntaxError(message: "unexpected end of header, expected a value", offset: position) }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject(depth: depth)
    case UInt8(ascii: "["): return try parseArray(depth: depth)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectLiteral("null"); return .null
    default: throw SyntaxError(message: "unexpected \(describeCurrent()), expected a value", offset: position)
    }
  }

  private mutating func parseObject(depth: Int) throws(SyntaxError) -> SafetensorsJSON {
    position += 1  // {
    var members: [SafetensorsJSON.Member] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else {
        throw SyntaxError(message: "unexpected \(describeCurrent()), expected a string key", offset: position)
      }
      let key = try parseString()
      skipWhitespace()
      try expect(UInt8(ascii: ":"), "':' after an object key")
      skipWhitespace()
      let value = try parseValue(depth: depth + 1)
      members.append(.init(key: key, value: value))
      skipWhitespace()
      if peek() == UInt8(ascii: ",") {
        position += 1
        continue
      }
      try expect(UInt8(ascii: "}"), "',' or '}'")
      return .object(members)
    }
  }

  private mutating func parseArray(depth: Int) throws(SyntaxError) -> SafetensorsJSON {
    position += 1  // [
    var items: [SafetensorsJSON] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      if peek() == UInt8(ascii: ",") {
        position += 1
        continue
      }
      try expect(UInt8(ascii: "]"), "',' or ']'")
      return .array(items)
    }
  }

  /// Parses a string starting at its opening quote; decodes escapes, including UTF-16 surrogate pairs.
  private mutating func parseString() throws(SyntaxError) -> String {
    let start = position
    position += 1  // "
    var utf8: [UInt8] = []
    while true {
      guard let byte = peek() else {
        throw SyntaxError(message: "unterminated string", offset: start)
      }
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        return String(decoding: utf8, as: UTF8.self)
      case UInt8(ascii: "\\"):
        position += 1
        try parseEscape(into: &utf8)
      case 0..<0x20:
        throw SyntaxError(message: "unescaped control character 0x\(String(byte, radix: 16)) in a string", offset: position)
      default:
        utf8.append(byte)
        position += 1
      }
    }
  }

  private mutating func parseEscape(into utf8: inout [UInt8]) throws(SyntaxError) {
    guard let byte = peek() else { throw SyntaxError(message: "unterminated escape sequence", offset: position) }
    position += 1
    switch byte {
    case UInt8(ascii: "\""): utf8.append(byte)
    case UInt8(ascii: "\\"): utf8.append(byte)
    case UInt8(ascii: "/"): utf8.append(byte)
    case UInt8(ascii: "b"): utf8.append(0x08)
    case UInt8(ascii: "f"): utf8.append(0x0C)
    case UInt8(ascii: "n"): utf8.append(0x0A)
    case UInt8(ascii: "r"): utf8.append(0x0D)
    case UInt8(ascii: "t"): utf8.append(0x09)
    case UInt8(ascii: "u"):
      let escapeStart = position - 2
      var scalarValue = UInt32(try parseHex4())
      if (0xD800..<0xDC00).contains(scalarValue) {
        // High surrogate: a low surrogate escape must follow.
        guard peek() == UInt8(ascii: "\\"), peek(offset: 1) == UInt8(ascii: "u") else {
          throw SyntaxError(message: "unpaired UTF-16 surrogate in \\u escape", offset: escapeStart)
        }
        position += 2
        let low = UInt32(try parseHex4())
        guard (0xDC00..<0xE000).contains(low) else {
          throw SyntaxError(message: "unpaired UTF-16 surrogate in \\u escape", offset: escapeStart)
        }
        scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00..<0xE000).contains(scalarValue) {
        throw SyntaxError(message: "unpaired UTF-16 surrogate in \\u escape", offset: escapeStart)
      }
      guard let scalar = Unicode.Scalar(scalarValue) else {
        throw SyntaxError(message: "invalid \\u escape", offset: escapeStart)
      }
      utf8.append(contentsOf: String(scalar).utf8)
    default:
      throw SyntaxError(message: "invalid escape sequence '\\\(Character(Unicode.Scalar(byte)))'", offset: position - 2)
    }
  }

  private mutating func parseHex4() throws(SyntaxError) -> UInt16 {
    var value: UInt16 = 0
    for _ in 0..<4 {
      guard let byte = peek(), let digit = Self.hexValue(byte) else {
        throw SyntaxError(message: "expected 4 hexadecimal digits after \\u", offset: position)
      }
      value = value << 4 | UInt16(digit)
      position += 1
    }
    return value
  }

  /// Scans `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` and returns it as text.
  private mutating func parseNumber() throws(SyntaxError) -> String {
    let start = position
    if peek() == UInt8(ascii: "-") { position += 1 }
    guard let first = peek(), Self.isDigit(first) else {
      throw SyntaxError(message: "expected a digit", offset: position)
    }
    if first == UInt8(ascii: "0") {
      position += 1
      if let next = peek(), Self.isDigit(next) {
        throw SyntaxError(message: "leading zeros are not allowed in numbers", offset: start)
      }
    } else {
      skipDigits()
    }
    if peek() == UInt8(ascii: ".") {
      position += 1
      guard let next = peek(), Self.isDigit(next) else {
        throw SyntaxError(message: "expected a digit after '.'", offset: position)
      }
      skipDigits()
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      position += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
      guard let next = peek(), Self.isDigit(next) else {
        throw SyntaxError(message: "expected a digit in the exponent", offset: position)
      }
      skipDigits()
    }
    return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
  }

  // MARK: Lexing helpers

  private func peek(offset: Int = 0) -> UInt8? {
    position + offset < bytes.count ? bytes[position + offset] : nil
  }

  private mutating func skipWhitespace() {
    while let byte = peek(),
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    {
      position += 1
    }
  }

  private mutating func skipDigits() {
    while let byte = peek(), Self.isDigit(byte) { position += 1 }
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws(SyntaxError) {
    guard peek() == byte else {
      throw SyntaxError(message: "unexpected \(describeCurrent()), expected \(what)", offset: position)
    }
    position += 1
  }

  private mutating func expectLiteral(_ literal: StaticString) throws(SyntaxError) {
    let start = position
    let text = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
    for expected in text {
      guard peek() == expected else {
        throw SyntaxError(message: "invalid literal, expected '\(literal)'", offset: start)
      }
      position += 1
    }
  }

  /// "end of header", "'x'", or "byte 0xNN" for the byte at the current position.
  private func describeCurrent() -> String {
    guard let byte = peek() else { return "end of header" }
    if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x" + String(byte, radix: 16, uppercase: true)
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
