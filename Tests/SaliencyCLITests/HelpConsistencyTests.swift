import Foundation
import Testing

/// Every `--help` lists exactly the values its parser accepts, and a default among them (before: `--encoding`
/// showed one spelling and the parser wanted another, `--baseline` accepted `remove`, `score` hid `csv`, `evaluate`
/// listed `--target`, which it rejects).
@Suite("Help texts match the parser")
struct HelpConsistencyTests {
  static let commands = ["explain", "score", "train", "info", "report", "analyze", "merge", "evaluate"]

  /// (option, listed values, default) for every option whose help lists its values.
  static func listedValues(_ help: String) -> [(option: String, values: [String], defaultValue: String?)] {
    // Join wrapped help lines so each option's text is one line.
    var entries: [String] = []
    for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      // An option starts a line indented by two spaces; wrapped text is indented further.
      if line.hasPrefix("  -") { entries.append(trimmed) } else if !entries.isEmpty, !trimmed.isEmpty { entries[entries.count - 1] += " " + trimmed }
    }
    return entries.compactMap { entry in
      guard let option = entry.split(separator: " ").first(where: { $0.hasPrefix("--") }),
            let range = entry.range(of: "(values: ") else { return nil }
      let inside = entry[range.upperBound...].prefix { $0 != ")" }
      let parts = inside.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      let values = parts[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      let defaultValue = parts.dropFirst().first { $0.hasPrefix("default: ") }.map { String($0.dropFirst("default: ".count)) }
      return (String(option.split(separator: ",")[0]), values, defaultValue)
    }
  }

  @Test("each listed choice is what the parser accepts, and the default is one of them", arguments: commands)
  func choices(_ command: String) throws {
    let help = try CommandRunner.run([command, "--help"])
    #expect(help.status == 0)
    let options = Self.listedValues(help.stdout)
    #expect(!options.isEmpty || ["merge"].contains(command), "\(command) --help lists no choices")
    for (option, values, defaultValue) in options {
      let refused = try CommandRunner.run([command, option, "no-such-value"])
      #expect(refused.status == 64, "\(command) \(option)")
      guard let range = refused.stderr.range(of: "Please provide one of ") else {
        Issue.record("\(command) \(option): \(refused.stderr)")
        continue
      }
      let accepted = refused.stderr[range.upperBound...].prefix { $0 != "." }
        .replacingOccurrences(of: " or ", with: ", ").replacingOccurrences(of: " and ", with: ", ").split(separator: ",")
        .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "' ")) }
      #expect(accepted == values, "\(command) \(option): help lists \(values), the parser accepts \(accepted)")
      if let defaultValue { #expect(values.contains(defaultValue), "\(command) \(option): default \(defaultValue)") }
    }
  }

  @Test("evaluate does not offer --target, which it cannot honour; analyze states one --max-tokens default")
  func offeredOptions() throws {
    #expect(!(try CommandRunner.run(["evaluate", "--help"]).stdout.contains("--target")))
    let analyze = try CommandRunner.run(["analyze", "--help"]).stdout
    #expect(analyze.contains("2000 for every method") && !analyze.contains("else 10000"))
  }
}
