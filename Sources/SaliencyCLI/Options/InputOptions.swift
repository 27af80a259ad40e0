import ArgumentParser
import Corpus
import Foundation

/// The texts to explain or score: arguments, `--input FILE` / `--input -` (one text per line), or `--token-ids`;
/// with none of them, standard input when it is not a terminal (`echo text | saliency explain`).
struct InputOptions: ParsableArguments {
  @Argument(help: "Texts to explain (quote each one).")
  var texts: [String] = []

  @Option(name: .long, help: ArgumentHelp("Read texts from a file (one per line; .tsv, .csv, .jsonl use their text column), or - for standard input.", valueName: "file"))
  var input: String?

  @Option(name: .long, help: ArgumentHelp("Explain raw token ids, e.g. 5,17,42 (needs --model).", valueName: "ids"))
  var tokenIds: String?

  @OptionGroup var file: CorpusFileOptions

  func validate() throws {
    let sources = (texts.isEmpty ? 0 : 1) + (input == nil ? 0 : 1) + (tokenIds == nil ? 0 : 1)
    if sources == 0, isatty(STDIN_FILENO) == 1 {
      throw ValidationError("Give a text to explain, --input FILE (or - for stdin), --token-ids, or pipe texts in.")
    }
    if sources > 1 { throw ValidationError("Give texts as arguments, --input, or --token-ids, not several of them.") }
  }

  /// `--input`, or `-` when no text, file or ids are given and standard input is not a terminal.
  var inputPath: String? {
    input ?? (texts.isEmpty && tokenIds == nil && isatty(STDIN_FILENO) != 1 ? "-" : nil)
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
    guard let input = inputPath else { return texts.enumerated().map { ($1, "argument \($0 + 1)") } }
    let reader = try CorpusReader(path: input, options: file.readerOptions(labels: .optional))
    var texts: [(String, String)] = []
    while let row = try reader.next() { texts.append((row.text, "\(reader.displayName):\(row.line)")) }
    for rejected in reader.drainRejected() {
      Diagnostics.warning("skipped \(reader.displayName):\(rejected.line): \(rejected.problem)")
    }
    return texts
  }
}
