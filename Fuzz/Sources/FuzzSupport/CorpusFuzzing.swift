import Corpus
import Foundation

/// The shared body of the `corpus-*` targets: reads one input in one format under several options and
/// checks that the readers agree with each other and with their documented contract.
///
/// Input: byte 0 chooses the options (bit 0: latin-1 instead of UTF-8; bit 1: labels optional instead of
/// required, always optional for `.lines`); the rest is the file's bytes.
///
/// Each input is read four ways: strictly (fail on the first bad row), skipping bad rows, skipping with a
/// tiny chunk size (1–7 bytes, so records cross chunk boundaries everywhere), and skipping with a 16-byte
/// limit on quoted CSV records. Invariants:
/// - opening fails the same way, or not at all, strictly, skipping and with tiny chunks (header problems do
///   not depend on skipping or chunking);
/// - skipping never throws while reading, and the tiny chunk size gives the same texts and rejections;
/// - the strict reader yields exactly the texts the skipping reader yields before its first rejection,
///   then throws `badRow` with that rejection's line and problem (or never throws if nothing is rejected);
/// - every text has a token (blank texts are skipped or rejected, never returned), lines increase,
///   a label is non-empty and trimmed, and present whenever labels are required;
/// - plain-line input reads exactly as `LinesOracle`, a simple independent reading, says;
/// - TSV and plain-line texts hold no line break (a record is one line); latin-1 TSV, CSV and plain-line
///   texts hold no scalar above U+00FF.
public enum CorpusFuzzing {
  /// Runs every check on `input` read as `format`.
  public static func check(_ input: FuzzInput, format: CorpusFormat) {
    let (flags, body) = input.flagsAndBody
    let data = Data(body)
    var options = CorpusReaderOptions()
    options.encoding = flags & 1 != 0 ? .latin1 : .utf8
    options.labels = flags & 2 != 0 || !format.hasLabels ? .optional : .required

    var skipping = options
    skipping.skipBadRows = true
    var tinyChunks = skipping
    tinyChunks.chunkSize = 1 + body.count % 7
    var tinyQuotes = skipping
    tinyQuotes.maxQuotedRecordBytes = 16

    let strict = open(data, format, options)
    let skip = open(data, format, skipping)
    let chunked = open(data, format, tinyChunks)
    let quoteLimited = open(data, format, tinyQuotes)
    // The quote limit may legitimately cut a long quoted header field, so only the other three must agree.
    for other in [skip, chunked] {
      switch (strict, other) {
      case (.success, .success): break
      case (.failure(let a), .failure(let b)):
        Finding.require(a == b, "opening failed differently with other options: \(a) vs \(b)")
      default:
        Finding.fail("opening succeeded with one set of options and failed with another: \(strict) vs \(other)")
      }
    }
    guard case .success(let strictReader) = strict, case .success(let skipReader) = skip,
          case .success(let chunkedReader) = chunked, case .success(let quoteReader) = quoteLimited
    else { return }
    Finding.require(strictReader.columns == skipReader.columns && chunkedReader.columns == skipReader.columns,
                    "header columns differ between readers")

    let (skipped, beforeFirstRejection) = readSkipping(skipReader, options: skipping)
    let (chunkedTexts, _) = readSkipping(chunkedReader, options: tinyChunks)
    Finding.require(chunkedTexts == skipped, "chunk size \(tinyChunks.chunkSize) changed the texts read")
    Finding.require(chunkedReader.rejected == skipReader.rejected, "chunk size \(tinyChunks.chunkSize) changed the rejected rows")
    _ = readSkipping(quoteReader, options: tinyQuotes)
    if format == .lines {
      let expected = LinesOracle.read(body, encoding: options.encoding)
      Finding.require(skipped == expected.texts, "the reader and LinesOracle read different texts: \(skipped) vs \(expected.texts)")
      Finding.require(skipReader.rejected.map(\.line) == expected.rejected,
                      "the reader rejected lines \(skipReader.rejected.map(\.line)), LinesOracle \(expected.rejected)")
    }

    var strictTexts: [LabelledText] = []
    do {
      while let text = try strictReader.next() { strictTexts.append(text) }
      Finding.require(skipReader.rejected.isEmpty,
                      "the strict reader read to the end, but skipping rejected \(skipReader.rejected.count) rows")
      Finding.require(strictTexts == skipped, "the strict reader read different texts from the skipping one")
    } catch CorpusError.badRow(_, let line, let problem) {
      guard let first = skipReader.rejected.first else {
        Finding.fail("the strict reader failed at line \(line) (\(problem)), but skipping rejected nothing")
      }
      Finding.require(first.line == line && first.problem == problem,
                      "the strict reader failed at line \(line) (\(problem)), skipping first rejected line \(first.line) (\(first.problem))")
      Finding.require(strictTexts == beforeFirstRejection,
                      "the strict reader read \(strictTexts.count) texts before failing, skipping \(beforeFirstRejection.count)")
    } catch {
      Finding.fail("reading in memory threw something other than a bad row: \(error)")
    }
  }

  private static func open(_ data: Data, _ format: CorpusFormat, _ options: CorpusReaderOptions) -> Result<CorpusReader, CorpusError> {
    do {
      return .success(try CorpusReader(data: data, displayName: "fuzz", format: format, options: options))
    } catch let error as CorpusError {
      return .failure(error)
    } catch {
      Finding.fail("opening threw something other than a CorpusError: \(error)")
    }
  }

  /// Reads everything with `skipBadRows`, checking each text; returns all texts and those read before
  /// the first rejection.
  private static func readSkipping(_ reader: CorpusReader, options: CorpusReaderOptions)
    -> (all: [LabelledText], beforeFirstRejection: [LabelledText]) {
    var texts: [LabelledText] = []
    var before: [LabelledText] = []
    var previousLine = 0
    do {
      while let text = try reader.next() {
        check(text, after: previousLine, format: reader.format, options: options)
        previousLine = text.line
        texts.append(text)
        if reader.rejectedCount == 0 { before.append(text) }
      }
    } catch {
      Finding.fail("reading with skipBadRows threw: \(error)")
    }
    var previousRejected = 0
    for row in reader.rejected {
      Finding.require(row.line > previousRejected, "rejected rows out of order: line \(row.line) after \(previousRejected)")
      previousRejected = row.line
    }
    Finding.require(reader.rejectedCount == reader.rejected.count, "rejectedCount \(reader.rejectedCount) ≠ \(reader.rejected.count) rows")
    return (texts, before)
  }

  private static let tokenizer = Tokenizer()

  private static func check(_ text: LabelledText, after previousLine: Int, format: CorpusFormat, options: CorpusReaderOptions) {
    Finding.require(text.line > previousLine, "line \(text.line) after line \(previousLine)")
    Finding.require(!tokenizer.tokenize(text.text).isEmpty, "line \(text.line): a blank text was returned: \(text.text.debugDescription)")
    if let label = text.label {
      Finding.require(!label.isEmpty, "line \(text.line): empty label returned")
      Finding.require(label.unicodeScalars.first?.properties.isWhitespace == false
                      && label.unicodeScalars.last?.properties.isWhitespace == false,
                      "line \(text.line): label \(label.debugDescription) is not trimmed")
    } else {
      Finding.require(options.labels == .optional, "line \(text.line): no label although labels are required")
    }
    if format == .tsv || format == .lines {
      Finding.require(!text.text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" },
                      "line \(text.line): a \(format) text holds a line break")
    }
    if options.encoding == .latin1 && format != .jsonl {  // JSON escapes (\u4e00) may name any scalar
      Finding.require(text.text.unicodeScalars.allSatisfy { $0.value <= 0xFF }, "line \(text.line): a latin-1 text holds a scalar above U+00FF")
    }
  }
}
