import Foundation
import Saliency
import SaliencyKit

/// A method option's value as the request gave it, to be read as the command line reads its flag:
/// `true`/`false`, or the text of a string or number.
public enum OptionArgument: Sendable, Equatable {
  case flag(Bool)
  case text(String)
}

/// The method fields of an explain request (`method`, `target`, `max_tokens` and the method options by their
/// flag names without dashes), for a `RequestOptionReader`.
public struct MethodFields: Sendable, Equatable {
  public var method: String?
  public var target: String?
  public var maxTokens: OptionArgument?
  /// In the order given.
  public var options: [(option: MethodOption, value: OptionArgument)]

  public static func == (lhs: MethodFields, rhs: MethodFields) -> Bool {
    lhs.method == rhs.method && lhs.target == rhs.target && lhs.maxTokens == rhs.maxTokens
      && lhs.options.elementsEqual(rhs.options) { $0.option == $1.option && $0.value == $1.value }
  }
}

/// The body of `POST /api/explain` and `POST /api/score`.
struct APIRequest: Sendable {
  enum Input: Sendable, Equatable {
    case text(String)
    case tokenIds([Int])
  }

  var input: Input
  var model: String?
  var fields: MethodFields

  /// The fields a body may have (`score` ignores the method fields).
  static let inputKeys = ["text", "token_ids", "model", "method", "target", "max_tokens"]
  static var keys: [String] { inputKeys + MethodOption.allCases.map(\.rawValue) }

  /// Reads a JSON object.
  /// - Throws: `APIError` 400 naming the field that is missing, unknown or of the wrong type.
  init(json data: Data) throws {
    let decoded: DecodedJSON
    do {
      decoded = try JSONDecoder().decode(DecodedJSON.self, from: data)
    } catch {
      throw APIError.badRequest("the body is not valid JSON; send an object like {\"text\": \"…\"}")
    }
    guard case .object(let members) = decoded else {
      throw APIError.badRequest("the body must be a JSON object like {\"text\": \"…\"}")
    }
    for (key, _) in members where !Self.keys.contains(key) {
      throw APIError.badRequest("unknown field '\(key)'; the fields are \(Self.keys.joined(separator: ", "))")
    }
    let object = Dictionary(members, uniquingKeysWith: { _, last in last })
    switch (object["text"], object["token_ids"]) {
    case (.string(let text)?, nil):
      input = .text(text)
    case (nil, .array(let values)?):
      input = .tokenIds(try values.map { value in
        guard case .number(let number) = value, let id = number.integer else {
          throw APIError.badRequest("token_ids must be an array of integers like [5, 17, 42]")
        }
        return id
      })
    case (nil, nil), (.null?, nil), (nil, .null?):
      throw APIError.badRequest("give the input as \"text\": \"…\" or \"token_ids\": [5, 17, 42]")
    case (_?, nil):
      throw APIError.badRequest("text must be a string")
    case (nil, _?):
      throw APIError.badRequest("token_ids must be an array of integers like [5, 17, 42]")
    case (_?, _?):
      throw APIError.badRequest("give text or token_ids, not both")
    }
    model = try Self.string(object["model"], "model")
    var fields = MethodFields(method: try Self.string(object["method"], "method"),
                              target: try Self.string(object["target"], "target"),
                              maxTokens: try Self.argument(object["max_tokens"], "max_tokens"), options: [])
    for (key, value) in members {
      guard let option = MethodOption(rawValue: key), let argument = try Self.argument(value, key) else { continue }
      fields.options.append((option, argument))
    }
    self.fields = fields
  }

  private static func string(_ value: DecodedJSON?, _ key: String) throws -> String? {
    switch value {
    case nil, .null?: return nil
    case .string(let string)?: return string
    default: throw APIError.badRequest("\(key) must be a string")
    }
  }

  /// A scalar as the text of its flag's value; nil for null.
  private static func argument(_ value: DecodedJSON?, _ key: String) throws -> OptionArgument? {
    switch value {
    case nil, .null?: return nil
    case .bool(let flag)?: return .flag(flag)
    case .string(let text)?: return .text(text)
    case .number(let number)?: return .text(number.text)
    default: throw APIError.badRequest("\(key) must be a string, a number or a Boolean, as its command-line flag")
    }
  }
}
