/// What renderers say about a sign convention: legends and list titles, in one place so the terminal and
/// HTML reports word them identically.
extension HeatmapDocument.SignMeaning {
  /// True when scores have a direction (positive and negative mean different things) and the diverging
  /// colour scale applies; false for magnitudes, which use the sequential scale.
  public var isSigned: Bool {
    switch self {
    case .supportsTarget, .classIndependent: return true
    case .unsigned: return false
    }
  }

  /// The legend sentence, e.g. `orange supports negative, blue opposes it`.
  ///
  /// - Parameters:
  ///   - target: the target label, already escaped for the output medium.
  ///   - colored: true to name colours; false to name signs (`+`/`-`) for colourless output.
  public func legend(target: String, colored: Bool) -> String {
    let (positive, negative) = colored ? ("orange", "blue") : ("+", "-")
    switch self {
    case .supportsTarget:
      return "\(positive) supports \(target), \(negative) opposes it"
    case .classIndependent:
      return "\(positive) moves the state toward the final state h_T, \(negative) away from it (not a class)"
    case .unsigned:
      return colored ? "darker = larger magnitude" : "magnitudes only (no direction)"
    }
  }

  /// Titles of the top-k lists: the positive (or, for magnitudes, largest) list and, for signed scores,
  /// the negative list.
  ///
  /// - Parameter target: the target label, already escaped for the output medium.
  public func topListTitles(target: String) -> (positive: String, negative: String?) {
    switch self {
    case .supportsTarget:
      return ("most supporting \(target):", "most opposing \(target):")
    case .classIndependent:
      return ("toward h_T:", "away from h_T:")
    case .unsigned:
      return ("largest:", nil)
    }
  }
}
