import Foundation
import Reports

/// Any JSON value as decoded: numbers kept as written (integers, unsigned integers beyond `Int`, and reals
/// apart), object members in the decoder's order. The one reader of free-form JSON: model metadata
/// (`TextModel.parsedJSON`) and the server's request bodies.
public enum DecodedJSON: Decodable, Sendable {
  case null
  case bool(Bool)
  case number(Number)
  case string(String)
  case array([DecodedJSON])
  case object([(String, DecodedJSON)])

  public enum Number: Sendable {
    case integer(Int)
    case unsigned(UInt64)
    case real(Double)

    public var integer: Int? { if case .integer(let value) = self { value } else { nil } }

    /// The number as a command line would spell it.
    public var text: String {
      switch self {
      case .integer(let value): String(value)
      case .unsigned(let value): String(value)
      case .real(let value): value.description
      }
    }
  }

  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    if let object = try? decoder.container(keyedBy: Key.self) {
      self = .object(try object.allKeys.map { ($0.stringValue, try object.decode(DecodedJSON.self, forKey: $0)) })
    } else if var array = try? decoder.unkeyedContainer() {
      var values: [DecodedJSON] = []
      while !array.isAtEnd { values.append(try array.decode(DecodedJSON.self)) }
      self = .array(values)
    } else {
      let single = try decoder.singleValueContainer()
      if single.decodeNil() { self = .null }
      else if let bool = try? single.decode(Bool.self) { self = .bool(bool) }
      else if let int = try? single.decode(Int.self) { self = .number(.integer(int)) }
      else if let unsigned = try? single.decode(UInt64.self) { self = .number(.unsigned(unsigned)) }
      else if let double = try? single.decode(Double.self) { self = .number(.real(double)) }
      else { self = .string(try single.decode(String.self)) }
    }
  }

  /// The value to write back, object keys sorted (deterministic output); an unsigned integer beyond `Int`
  /// becomes a Double.
  public var sortedValue: JSONValue {
    switch self {
    case .null: .null
    case .bool(let value): .bool(value)
    case .number(.integer(let value)): .int(value)
    case .number(.unsigned(let value)): .double(Double(value))
    case .number(.real(let value)): .double(value)
    case .string(let value): .string(value)
    case .array(let values): .array(values.map(\.sortedValue))
    case .object(let members): .object(members.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1.sortedValue) })
    }
  }
}
