import Foundation

/// The JSON of the state files that parts and shards leave for `merge` (`state.json`, `evaluation-part.json`):
/// sorted keys, one trailing newline, and non-finite numbers as the strings "inf", "-inf", "nan", so any Float or
/// Double travels unchanged.
enum StateJSON {
  static func encoded<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    var data = try encoder.encode(value)
    data.append(0x0A)
    return data
  }

  static var decoder: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return decoder
  }
}
