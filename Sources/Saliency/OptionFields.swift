/// A method option's value, as written in the JSON `options` object.
public enum SaliencyOptionValue: Sendable, Equatable {
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)

  /// The value as legends write it (`pad`, `50`, `0.001`, `true`).
  public var text: String {
    switch self {
    case .bool(let value): String(value)
    case .int(let value): String(value)
    case .double(let value): value.description
    case .string(let value): value
    }
  }
}

/// The fields of a flat `Codable` options struct as ordered (key, value) pairs, and back.
///
/// Each method declares its options once, as a struct whose stored properties carry their defaults; this codec
/// turns one into the ordered pairs that JSON, legends and `--method` validation read (the synthesised
/// `encode(to:)` visits the properties in declaration order, so the order is the declaration's), and builds one
/// from pairs (its defaults overridden by the options given). Values are Bool, Int, Double, String, UInt64 (an
/// integer when it fits `Int`, else its decimal text: JSON numbers beyond 2^63 would not round-trip), enums with
/// a raw value of those types, and optionals of them (nil is left out).
public enum OptionFields {
  public typealias Field = (key: String, value: SaliencyOptionValue)

  /// The stored properties of `value`, in declaration order; nil optionals are left out.
  /// - Precondition: `value` is a flat struct of the supported value types (a programming error otherwise).
  public static func encode<T: Encodable>(_ value: T) -> [Field] {
    let encoder = FieldEncoder()
    do { try value.encode(to: encoder) } catch { preconditionFailure("\(T.self) is not a flat options struct: \(error)") }
    return encoder.box.fields
  }

  /// `T` decoded from `fields`; keys that `T` does not have are ignored. Every non-optional property needs its key
  /// (start from `encode(T())` to have them all); a missing optional one is nil.
  public static func decode<T: Decodable>(_ type: T.Type, from fields: [Field]) throws -> T {
    try T(from: FieldDecoder(fields: Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }),
                             asked: KeyBox()))
  }

  /// Every key `T` reads, optional ones included, in the order it reads them.
  /// - Precondition: `T()` encodes every non-optional property (as `encode(_:)` requires).
  public static func keys<T: Codable>(of value: T) -> [String] {
    let asked = KeyBox()
    let fields = encode(value)
    _ = try? T(from: FieldDecoder(fields: Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }),
                                  asked: asked))
    return asked.keys
  }
}

/// Why a value cannot be an option field.
struct OptionFieldError: Error, CustomStringConvertible {
  let description: String
}

/// The keys a decoder was asked for, first ask first.
private final class KeyBox {
  var keys: [String] = []
  func note(_ key: String) { if !keys.contains(key) { keys.append(key) } }
}

private final class FieldBox {
  var fields: [OptionFields.Field] = []
}

private struct FieldEncoder: Encoder {
  let box = FieldBox()
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    KeyedEncodingContainer(KeyedFields<Key>(box: box))
  }
  func unkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("options are a flat struct") }
  func singleValueContainer() -> any SingleValueEncodingContainer { preconditionFailure("options are a flat struct") }
}

private struct KeyedFields<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let box: FieldBox
  var codingPath: [any CodingKey] { [] }

  func encodeNil(forKey key: Key) throws {}
  func encode(_ value: Bool, forKey key: Key) throws { box.fields.append((key.stringValue, .bool(value))) }
  func encode(_ value: Int, forKey key: Key) throws { box.fields.append((key.stringValue, .int(value))) }
  func encode(_ value: Double, forKey key: Key) throws { box.fields.append((key.stringValue, .double(value))) }
  func encode(_ value: String, forKey key: Key) throws { box.fields.append((key.stringValue, .string(value))) }
  func encode(_ value: UInt64, forKey key: Key) throws { box.fields.append((key.stringValue, FieldValue.unsigned(value))) }
  func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    let single = SingleFieldEncoder()
    try value.encode(to: single)
    guard let captured = single.slot.value else { throw OptionFieldError(description: "\(key.stringValue) encodes no value") }
    box.fields.append((key.stringValue, captured))
  }
  func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
    preconditionFailure("options are a flat struct")
  }
  func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { preconditionFailure("options are a flat struct") }
  func superEncoder() -> any Encoder { preconditionFailure("options are a flat struct") }
  func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("options are a flat struct") }
}

private enum FieldValue {
  static func unsigned(_ value: UInt64) -> SaliencyOptionValue { Int(exactly: value).map { .int($0) } ?? .string(String(value)) }
}

private final class FieldSlot {
  var value: SaliencyOptionValue?
}

/// Captures the one value an enum (or other single-value type) encodes.
private struct SingleFieldEncoder: Encoder, SingleValueEncodingContainer {
  let slot = FieldSlot()
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { preconditionFailure("an option is one value") }
  func unkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("an option is one value") }
  func singleValueContainer() -> any SingleValueEncodingContainer { self }

  func encodeNil() throws {}
  func encode(_ value: Bool) throws { slot.value = .bool(value) }
  func encode(_ value: Int) throws { slot.value = .int(value) }
  func encode(_ value: Double) throws { slot.value = .double(value) }
  func encode(_ value: String) throws { slot.value = .string(value) }
  func encode(_ value: UInt64) throws { slot.value = FieldValue.unsigned(value) }
  func encode<T: Encodable>(_ value: T) throws { try value.encode(to: self) }
}

private struct FieldDecoder: Decoder {
  let fields: [String: SaliencyOptionValue]
  let asked: KeyBox
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    KeyedDecodingContainer(KeyedFieldReader<Key>(fields: fields, asked: asked))
  }
  func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw OptionFieldError(description: "options are a flat struct") }
  func singleValueContainer() throws -> any SingleValueDecodingContainer { throw OptionFieldError(description: "options are a flat struct") }
}

private struct KeyedFieldReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let fields: [String: SaliencyOptionValue]
  let asked: KeyBox
  var codingPath: [any CodingKey] { [] }
  var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

  func contains(_ key: Key) -> Bool {
    asked.note(key.stringValue)
    return fields[key.stringValue] != nil
  }
  func decodeNil(forKey key: Key) throws -> Bool { fields[key.stringValue] == nil }
  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    asked.note(key.stringValue)
    guard let value = fields[key.stringValue] else { throw OptionFieldError(description: "no value for \(key.stringValue)") }
    return try T(from: SingleFieldDecoder(value: value, key: key.stringValue))
  }
  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
    throw OptionFieldError(description: "options are a flat struct")
  }
  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    throw OptionFieldError(description: "options are a flat struct")
  }
  func superDecoder() throws -> any Decoder { throw OptionFieldError(description: "options are a flat struct") }
  func superDecoder(forKey key: Key) throws -> any Decoder { throw OptionFieldError(description: "options are a flat struct") }
}

private struct SingleFieldDecoder: Decoder, SingleValueDecodingContainer {
  let value: SaliencyOptionValue
  let key: String
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    throw OptionFieldError(description: "\(key) is one value")
  }
  func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw OptionFieldError(description: "\(key) is one value") }
  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

  private func mismatch(_ expected: String) -> OptionFieldError {
    OptionFieldError(description: "\(key) should be \(expected), not \(value)")
  }
  func decodeNil() -> Bool { false }
  func decode(_ type: Bool.Type) throws -> Bool {
    guard case .bool(let bool) = value else { throw mismatch("a Boolean") }
    return bool
  }
  func decode(_ type: Int.Type) throws -> Int {
    guard case .int(let int) = value else { throw mismatch("an integer") }
    return int
  }
  func decode(_ type: Double.Type) throws -> Double {
    switch value {
    case .double(let double): return double
    case .int(let int): return Double(int)
    default: throw mismatch("a number")
    }
  }
  func decode(_ type: String.Type) throws -> String {
    guard case .string(let string) = value else { throw mismatch("text") }
    return string
  }
  func decode(_ type: UInt64.Type) throws -> UInt64 {
    switch value {
    case .int(let int) where int >= 0: return UInt64(int)
    case .string(let text): if let parsed = UInt64(text) { return parsed }
    default: break
    }
    throw mismatch("an unsigned integer")
  }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}
