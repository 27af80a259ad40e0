import Foundation

/// Decoding one JSONL line into its text and label fields.
///
/// Uses `JSONSerialization`, several times faster than `JSONDecoder` for this shape on Linux.
enum JSONLRecord {
  /// The text and label of one JSON object.
  /// - Parameters:
  ///   - json: one line of UTF-8 JSON.
  ///   - textKey, labelKey: the field names.
  ///   - labels: whether the label must be present.
  /// - Returns: the text and label (a string, or an integer written in decimal; `nil` if absent or
  ///   `null` and labels are optional), or the problem.
  /// - Complexity: O(n) in the length of the line.
  static func decode(
    _ json: Data, textKey: String, labelKey: String, labels: LabelRequirement
  ) -> Result<(text: String, label: String?), RowProblem> {
    let parsed: Any
    do {
      parsed = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
    } catch {
      return .failure(.invalidJSON(detail: "not valid JSON"))
    }
    guard let object = parsed as? [String: Any] else { return .failure(.notJSONObject) }
    guard let textValue = object[textKey] else { return .failure(.missingField(textKey)) }
    guard let text = textValue as? String else {
      return .failure(.wrongFieldType(field: textKey, expected: "a string"))
    }
    let wrongLabel = RowProblem.wrongFieldType(field: labelKey, expected: "a string or an integer")
    switch object[labelKey] {
    case let label as String:
      return .success((text, label))
    case let number as NSNumber:
      guard let integer = integerValue(of: number) else { return .failure(wrongLabel) }
      return .success((text, String(integer)))
    case is NSNull:
      return labels == .required ? .failure(wrongLabel) : .success((text, nil))
    case nil:
      return labels == .required ? .failure(.missingField(labelKey)) : .success((text, nil))
    default:
      return .failure(wrongLabel)
    }
  }

  /// The number as an integer if it is one exactly (`1`, `1.0`, `1e2`); `nil` for fractions, numbers out
  /// of `Int`'s range and booleans.
  private static func integerValue(of number: NSNumber) -> Int? {
    let isBoolean = number.objCType.pointee == CChar(UInt8(ascii: "c"))
    return isBoolean ? nil : number as? Int
  }
}
