import Reports
import Saliency
import SaliencyKit

/// `GET /api/methods`: every method with its options' defaults, every shared option with the methods that read
/// it, and the documented default, so a client (the page) can offer them without a copy of the list.
enum MethodCatalog {
  static let json: JSONValue = .object([
    ("default", .object([
      ("methods", .array(DefaultExplanation.settings.methods.map { .string($0.rawValue) })),
      ("options", .object(DefaultExplanation.settings.parameters.fields.map { ($0.key, $0.value.apiJSON) })),
    ])),
    ("methods", .array(SaliencyMethods.all.map { type in
      .object([
        ("id", .string(type.id.rawValue)),
        ("perturbation", .bool(type.traits.contains(.perturbation))),
        ("options", .object(type.defaultOptions.fields.map { ($0.key, $0.value.apiJSON) })),
      ])
    })),
    ("options", .array(MethodOption.allCases.map { option in
      .object([
        ("name", .string(option.rawValue)), ("meaning", .string(option.meaning)),
        ("readers", .array(option.readers.map { .string($0.rawValue) })),
      ])
    })),
  ])
}

extension SaliencyOptionValue {
  var apiJSON: JSONValue {
    switch self {
    case .bool(let value): .bool(value)
    case .int(let value): .int(value)
    case .double(let value): .double(value)
    case .string(let value): .string(value)
    }
  }
}
