import ArgumentParser
import Corpus
import Foundation

/// The texts to explain or score: arguments, `--input FILE` / `--input -` (one text per line), or `--token-ids`.
struct InputOptions: ParsableArguments {
  @Argument(help: "Texts to explain (quote each one).")
  var texts: [String] = []

  @Option(name: .long, help: ArgumentHelp("Read texts from a file (one per line; .tsv, .csv, .jsonl use their text column), or - for standard input.", valueName: "file"))
  var input: String?

  @Option(name: .long, help: ArgumentHelp("Explain raw token ids, e.g. 5,17,42 (needs --model).", valueName: "ids"))
  var tokenIds: String?

  @Option(name: .long, help: "Input encoding: utf8 or latin1.")
  var encoding: TextEncoding = .utf8

  @Option(name: .long, help: "Text column of a CSV/TSV/JSONL input.")
  var textColumn: String = "text"

  @Flag(name: .long, help: "Skip malformed input rows (listed on stderr) instead of stopping at the first.")
  var skipBadRows = false

  func validate() throws {
    let sources = (texts.isEmpty ? 0 : 1) + (input == nil ? 0 : 1) + (tokenIds == nil ? 0 : 1)
    if sources == 0 { throw ValidationError("Give a text to explain, --input FILE (or - for stdin), or --token-ids.") }
    if sources > 1 { throw ValidationError("Give texts as arguments, --input, or --token-ids, not several of them.") }
  }

  /// The parsed `--token-ids`, or nil.
  func parsedTokenIds() throws -> [Int]? {
    guard let tokenIds else { return nil }
    let parts = tokenIds.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    return try parts.map { part in
      guard let id = Int(part) else {
        throw ValidationError("--token-ids must be comma-separated integers like 5,17,42; '\(part)' is not one.")
      }
      return id
    }
  }

  /// The texts of the arguments or of `--input`, with where each came from (for messages).
  func loadTexts() throws -> [(text: String, origin: String)] {
    guard let input else { return texts.enumerated().map { ($1, "argument \($0 + 1)") } }
    let reader = try CorpusReader(path: input, options: readerOptions(labels: .optional))
    var texts: [(String, String)] = []
    while let row = try reader.next() { texts.append((row.text, "\(reader.displayName):\(row.line)")) }
    for rejected in reader.drainRejected() {
      Diagnostics.warning("skipped \(reader.displayName):\(rejected.line): \(rejected.problem)")
    }
    return texts
  }
}

extension InputOptions {
  /// Reader settings from these options.
  func readerOptions(labels: LabelRequirement, labelColumn: String = "label") -> CorpusReaderOptions {
    CorpusReaderOptions(textColumn: textColumn, labelColumn: labelColumn, labels: labels, skipBadRows: skipBadRows,
                        encoding: encoding)
  }
}

extension TextEncoding: ExpressibleByArgument {
  /// Accepts `utf8`/`utf-8` and `latin1`/`latin-1`/`iso-8859-1`.
  public init?(argument: String) {
    switch argument.lowercased() {
    case "utf8", "utf-8": self = .utf8
    case "latin1", "latin-1", "iso-8859-1": self = .latin1
    default: return nil
    }
  }

  public static var allValueStrings: [String] { ["utf8", "latin1"] }

  public var defaultValueDescription: String { self == .utf8 ? "utf8" : "latin1" }
}
