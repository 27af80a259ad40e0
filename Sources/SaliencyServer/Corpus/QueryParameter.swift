/// Readers of the corpus endpoints' query parameters: each returns the value or throws 400 naming the parameter and
/// what it accepts (a value is quoted at most 40 characters long, a refused choice 80).
enum QueryParameter {
  /// An integer in `range`.
  static func integer(_ value: String, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
    guard let number = Int(value), range.contains(number) else {
      throw APIError.badRequest("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), not '\(value.prefix(40))'")
    }
    return number
  }

  /// A number from 0 to 1.
  static func probability(_ value: String, _ name: String) throws -> Double {
    guard let number = Double(value), (0...1).contains(number) else {
      throw APIError.badRequest("\(name) must be a probability from 0 to 1, not '\(value.prefix(40))'")
    }
    return number
  }

  /// The index of one of this analysis's `options` (its labels, methods or models: `what`).
  static func choice(_ value: String, _ name: String, _ options: [String], _ what: String) throws -> Int {
    guard let index = options.firstIndex(of: value) else {
      throw APIError.badRequest("\(name) '\(value.prefix(80))' is not one of this analysis's \(what) (\(options.joined(separator: ", ")))")
    }
    return index
  }

  /// One case of a closed set of keywords, by its raw value.
  static func keyword<Choice: RawRepresentable & CaseIterable>(_ value: String, _ name: String) throws -> Choice
    where Choice.RawValue == String {
    guard let choice = Choice(rawValue: value) else {
      throw APIError.badRequest("\(name) must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value.prefix(40))'")
    }
    return choice
  }

  /// `order`: true for `desc`, false for `asc`.
  static func descending(_ value: String, _ name: String) throws -> Bool {
    guard value == "asc" || value == "desc" else { throw APIError.badRequest("\(name) must be asc or desc, not '\(value.prefix(40))'") }
    return value == "desc"
  }
}
