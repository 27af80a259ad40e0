import SystemSupport

/// Compact JSON written straight to UTF-8 bytes, exactly as `JSONValue.serialize(appendingTo:)` writes the same
/// values, for arrays too large to build value by value (an explanation's tokens and scores).
public struct JSONBytes {
  public private(set) var bytes: [UInt8] = []

  public init() {}

  /// The bytes as a value to place in a `JSONValue` tree.
  public var value: JSONValue { .verbatim(bytes) }

  public mutating func append(ascii text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// A JSON string (escaped as `JSONValue.string`, by `JSONString`).
  public mutating func append(string: String) { JSONString.append(string, to: &bytes) }

  public mutating func append(int: Int) { JSONValue.writeInteger(int, into: &bytes) }

  /// An integer, or `null` for nil.
  public mutating func append(int: Int?) {
    if let int { append(int: int) } else { append(ascii: "null") }
  }

  /// A string, or `null` for nil.
  public mutating func append(string: String?) {
    if let string { append(string: string) } else { append(ascii: "null") }
  }

  /// As `JSONValue.float`: shortest Float32 digits, `null` when not finite.
  public mutating func append(float: Float) {
    JSONValue.writeBytes(of: float.isFinite ? float.description : "null", into: &bytes)
  }
}
