import Foundation
import Testing

/// `analyze`'s word tables leave punctuation out by default, and its page indexes its examples.
@Suite("analyze's word tables and examples index")
struct AnalyzeWordTablesTests {
  static var testSplit: String {
    CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews/test.tsv").path
  }

  /// The tokens of `words.csv` (second column; the sample's tokens hold no comma or quote but "，").
  static func tokens(of folder: URL) throws -> [String] {
    let text = try String(contentsOf: folder.appendingPathComponent("words.csv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      return fields.count > 1 ? String(fields[1]) : ""
    }
  }

  /// Punctuation, or signs such as `~` and `¥`: no letter, number or other symbol (emoji) in it.
  static func isPunctuationOnly(_ token: String) -> Bool {
    !token.isEmpty && token.unicodeScalars.allSatisfy {
      switch $0.properties.generalCategory {
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
           .letterNumber, .otherNumber, .otherSymbol: return false
      default: return true
      }
    }
  }

  @Test("words.csv and the page leave out punctuation-only tokens by default; --word-tokens all keeps them")
  func punctuation() throws {
    let model = try TrainedSampleModel.path()
    let folder = try CommandRunner.temporaryDirectory()
    let lexical = folder.appendingPathComponent("lexical"), all = folder.appendingPathComponent("all")
    let common = ["analyze", Self.testSplit, "--model", model, "--method", "trajectory,grad-input", "--min-count", "2"]
    let first = try CommandRunner.run(common + ["--out", lexical.path])
    #expect(first.status == 0, "\(first.stderr)")
    let second = try CommandRunner.run(common + ["--out", all.path, "--word-tokens", "all"])
    #expect(second.status == 0, "\(second.stderr)")
    let kept = try Self.tokens(of: all), filtered = try Self.tokens(of: lexical)
    #expect(kept.contains(where: Self.isPunctuationOnly), "the sample has punctuation seen twice or more")
    #expect(!filtered.contains(where: Self.isPunctuationOnly))
    #expect(filtered.count == kept.filter { !Self.isPunctuationOnly($0) }.count, "only punctuation rows are dropped")
    let page = try String(contentsOf: lexical.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(page.contains("Tokens made only of punctuation (no letter, digit or symbol such as an emoji) are left out; --word-tokens all keeps them."))
    let summary = try String(contentsOf: lexical.appendingPathComponent("summary.json"), encoding: .utf8)
    #expect(summary.contains("\"word_tokens\": \"lexical\""))
    // The examples index: one row per example card, each linking to it; the tools wait for the script.
    let rows = page.components(separatedBy: "<tr data-group=").count - 1
    let cards = page.components(separatedBy: "<article class=\"example\" id=\"e").count - 1
    #expect(rows > 0 && rows == cards)
    #expect(page.contains("<div class=\"tools\" id=\"ex-tools\" hidden>"))
  }

  @Test("a bad --word-tokens is a usage error")
  func usage() throws {
    let outcome = try CommandRunner.run(["analyze", Self.testSplit, "--word-tokens", "none", "--out", "/tmp/x"])
    #expect(outcome.status == 64)
  }
}
