import ArgumentParser
import Corpus
import Foundation
import Reports
import SaliencyKit
import SystemSupport

/// `saliency analyze CORPUS --out DIR`: metrics, calibration, errors and the words that drive each class over
/// a labelled corpus, streamed with flat memory; `--format jsonl` writes contract objects to standard output.
struct AnalyzeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract: "Analyse a labelled corpus: metrics, calibration, errors, and the words that drive each class.",
    discussion: """
      Writes DIR/index.html (self-contained report), examples.jsonl (one explain --format json object per row, \
      plus line and gold), words.csv, summary.json, state.json (raw accumulators for saliency merge) and \
      rejected.tsv. DIR is built beside its final place and swapped in at the end, so it is never half-written. \
      Without --model each row is read by the default model of its own script (a Han character: default-zh, \
      else default-en): examples.jsonl names each row's model, summary.json has the metrics over all rows and \
      per model, and words.csv has one table per model (column model). Rows most of whose tokens their model \
      does not know are counted, with one warning. Labels must be the model's; --label-map renames corpus labels. Texts are cut at --max-tokens (default \
      \(AnalyzeDefaults.maxTokens ?? 0) here for every method) and counted. --shard K/N analyses rows whose index \
      mod N is K; saliency merge combines the shards. --part K/N (with --input -) reads one slice of consecutive \
      records of a larger input on standard input, as the Spark job does per partition; saliency merge of every \
      part writes the directory of one run over the whole input. --input - --format jsonl reads JSON lines on standard input \
      and writes one object per row to standard output (a pipeline stage, no DIR).
      """)

  /// `--format`.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    /// Write the analysis directory `--out DIR`.
    case dir
    /// One contract object per row on standard output; no directory.
    case jsonl
  }

  @Argument(help: ArgumentHelp("Labelled corpus: .tsv, .csv or .jsonl with label and text columns.", valueName: "corpus"))
  var corpus: String?
  @Option(name: .long, help: ArgumentHelp("Read the corpus from this file instead, or - for JSON lines on standard input.", valueName: "file"))
  var input: String?
  @Option(name: .long, help: ArgumentHelp("The analysis directory to write (replaced atomically).", valueName: "dir"))
  var out: String?
  @Option(name: .long, help: "dir (write --out DIR) or jsonl (one object per row on standard output).")
  var format: Format = .dir
  @Option(name: .long, help: "Word tables list tokens seen at least this often.")
  var minCount = 5
  @Option(name: .long, help: "Tokens of the word tables (words.csv, index.html): lexical (leave out tokens made only of punctuation) or all.")
  var wordTokens: WordTokens = .lexical
  @Option(name: .long, help: "How many most confident errors and least confident correct answers to show (each).")
  var examples = 10
  @Option(name: .long, help: ArgumentHelp("Analyse only the rows whose 0-based index mod N is K, e.g. 0/4.", valueName: "K/N"))
  var shard: String?
  @Option(name: .long, help: "Texts per batched call at most (long texts go fewer to a batch: at most 128 tokens per text past the first). A text's numbers never depend on its batch-mates, so merged shards equal an unsharded run bit for bit at any batch size.")
  var batchSize = 16

  @OptionGroup var corpusOptions: LabelledCorpusOptions
  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var saliencyOptions: SaliencyOptions<AnalyzeDefaults>
  @OptionGroup var directoryOptions: DirectoryOutputOptions
  @OptionGroup var partOptions: PartOptions

  /// Rows per chunk handed to a worker.
  static let chunkSize = 256

  func validate() throws {
    if (corpus == nil) == (input == nil) { throw ValidationError("Give the corpus as an argument or with --input (- for standard input), not both.") }
    switch format {
    case .dir where out == nil: throw ValidationError("Give the directory to write with --out DIR, or --format jsonl to write to standard output.")
    case .jsonl where out != nil: throw ValidationError("--format jsonl writes to standard output; drop --out.")
    default: break
    }
    if minCount < 1 { throw ValidationError("--min-count must be at least 1.") }
    if examples < 0 { throw ValidationError("--examples cannot be negative.") }
    if batchSize < 1 { throw ValidationError("--batch-size must be at least 1.") }
    if let shard, Shard(parsing: shard) == nil { throw ValidationError("--shard must be K/N with 0 ≤ K < N, e.g. 0/4; '\(shard)' is not.") }
    try partOptions.validate(input: input, model: modelOptions.model, shard: shard, out: out)
  }

  func run() throws {
    try runReportingErrors {
      let interrupt = InterruptFlag()
      let path = corpus ?? input ?? "-"
      let claim = directoryOptions.analysisClaim(inputs: [path, modelOptions.model])
      if format == .dir, let out { try directoryOptions.check(out, claim) }
      let part = partOptions.parsedPart
      var readerOptions = corpusOptions.readerOptions
      readerOptions.lineOffset = partOptions.lineOffset
      let reader = try part != nil
        ? CorpusReader(fileHandle: .standardInput, displayName: partOptions.inputName ?? CorpusReader.standardInputName,
                       format: partOptions.stdinFormat, options: readerOptions)
        : CorpusReader(path: path, format: path == "-" ? .jsonl : nil, options: readerOptions)
      let digest = path == "-" ? nil : InputDigest(path: path)
      let first = try reader.next()
      let shard = self.shard.flatMap(Shard.init(parsing:))
      if first == nil, reader.rejectedCount == 0, shard == nil, part == nil, format == .dir {
        throw AnalysisError.emptyCorpus(file: reader.displayName)
      }
      let selection = try modelOptions.selection()
      let labels = try corpusOptions.labels(for: selection.models[0])
      let settings = try saliencyOptions.settings()
      var configuration = CorpusAnalysis.Configuration(settings: settings, inputName: reader.displayName)
      configuration.target = try saliencyOptions.targetChoice(for: selection.models[0])
      configuration.batchSize = batchSize
      configuration.examplesKept = examples
      configuration.skipBadRows = corpusOptions.skipBadRows
      var runner = AnalysisRunner(analysis: try CorpusAnalysis(selection: selection, configuration: configuration))
      runner.labelMap = labels
      runner.shard = shard
      runner.chunkSize = Self.chunkSize
      runner.threads = saliencyOptions.workerThreads
      let source = AnalysisRunner.Source(reader: reader, first: first)
      let progress = AnalysisProgress()
      do {
        switch format {
        case .jsonl:
          try streamToStandardOutput(runner, source, progress: progress, interrupt: interrupt)
        case .dir:
          var info = AnalysisInfo(
            input: reader.displayName, inputSHA256: nil, inputFormat: reader.format.rawValue, shard: shard, selection: selection,
            settings: settings, target: saliencyOptions.target, labelMap: labels, minCount: minCount, wordTokens: wordTokens, batchSize: batchSize,
            chunkSize: Self.chunkSize, generator: HTMLOutput.generator)
          info.part = part
          if let recorded = partOptions.modelPathAs { info.models[0].path = recorded }
          try writeDirectory(runner, source, info: info, claim: claim, digest: digest, progress: progress, interrupt: interrupt)
        }
      } catch AnalysisError.interrupted(let rows) {
        progress.finish()
        let kept = format == .dir ? "nothing was written to \(out ?? "")" : "standard output has every row finished before it"
        throw CommandError("interrupted after \(rows) row(s); \(kept)")
      }
    }
  }

  private func writeDirectory(_ runner: AnalysisRunner, _ source: AnalysisRunner.Source, info: AnalysisInfo,
                              claim: DirectoryClaim, digest: InputDigest?, progress: AnalysisProgress, interrupt: InterruptFlag) throws {
    var info = info
    var state: AnalysisState?
    try OutputDirectory.write(to: out ?? "", claim: claim) { directory in
      let examples = try directory.stream(AnalysisFiles.examples)
      let rejected = try directory.stream(AnalysisFiles.rejected)
      try rejected.write(AnalysisFiles.rejectedHeader)
      let result = try runner.run(source, onChunk: { lines, rows in
        try examples.write(bytes: lines)
        for row in rows { try rejected.write(AnalysisFiles.rejectedLine(row)) }
      }, onProgress: { progress.update(rows: $0.rows, line: $0.line, totalLines: digest?.lineCount) },
        shouldStop: { interrupt.isRaised })
      progress.finish()
      try examples.close()
      try rejected.close()
      if result.counts.analysed == 0, info.shard == nil, info.part == nil {
        if result.counts.rows == 0, result.counts.rejected == 0 { throw AnalysisError.emptyCorpus(file: info.input) }
        throw AnalysisError.nothingAnalysed(file: info.input, rejected: result.counts.rejected)
      }
      info.inputSHA256 = digest?.sha256() ?? partOptions.inputSha256
      let tokens = AnalysisFiles.tokenTexts(of: result, vocabularies: runner.analysis.selection.models.map(\.vocabulary))
      try AnalysisFiles.writeResults(AnalysisFiles.Stored(info: info, state: result, tokens: tokens), to: directory,
                                     threads: runner.threads)
      state = result
    }
    guard let state else { return }
    try report(state, info: info, seconds: progress.seconds)
  }

  private func streamToStandardOutput(_ runner: AnalysisRunner, _ source: AnalysisRunner.Source,
                                      progress: AnalysisProgress, interrupt: InterruptFlag) throws {
    let state = try runner.run(source, onChunk: { lines, rows in
      if !lines.isEmpty { try StandardOutput.write(bytes: lines) }
      for row in rows { Diagnostics.warning("skipped \(runner.analysis.configuration.inputName):\(row.line): \(row.reason)") }
    }, onProgress: { progress.update(rows: $0.rows, line: $0.line, totalLines: nil) }, shouldStop: { interrupt.isRaised })
    progress.finish()
    if state.counts.truncated > 0 {
      Diagnostics.warning(TokenLimit.markedNote(cut: state.counts.truncated, at: runner.analysis.configuration.settings.effectiveMaxTokens))
    }
    warnIfMostlyUnknown(state.counts, input: runner.analysis.configuration.inputName)
  }

  /// One warning for all the rows most of whose tokens their model does not know: the count and the first line.
  private func warnIfMostlyUnknown(_ counts: AnalysisCounts, input: String) {
    guard counts.mostlyUnknown > 0 else { return }
    Diagnostics.warning("\(counts.mostlyUnknown) of \(counts.analysed) text(s) have mostly tokens their model does not know "
      + "(first: \(input):\(counts.firstMostlyUnknownLine ?? 0)); is it the right model? (--model; without it each text "
      + "picks default-zh or default-en by its script)")
  }

  /// One line on stdout, warnings on stderr.
  private func report(_ state: AnalysisState, info: AnalysisInfo, seconds: Double) throws {
    let counts = state.counts
    if counts.rejected > 0 {
      Diagnostics.warning("\(counts.rejected) row(s) rejected and listed in \(out ?? "")/\(AnalysisFiles.rejected)")
    }
    if counts.truncated > 0 {
      Diagnostics.warning(TokenLimit.markedNote(cut: counts.truncated, at: info.methodSettings.maxTokens ?? 0))
    }
    warnIfMostlyUnknown(counts, input: info.input)
    if state.confusion.goldClasses.count == 1 {
      Diagnostics.warning("every gold label is \(state.labels[state.confusion.goldClasses[0]]); metrics are computed but per-class recall of the other classes is undefined")
    }
    let figure = { (value: Double?) in value.map { NumberFormatting.fixed($0, decimals: 4) } ?? "n/a" }
    let rate = seconds > 0 ? Int(Double(counts.analysed) / seconds) : 0
    var perModel = ""
    if AnalysisSummary.soleModel(info: info, state: state) == nil {
      perModel = " (" + zip(info.models, state.models).map { model, tally in
        "\(model.name): \(tally.analysed) texts, accuracy \(figure(tally.confusion.accuracy))"
      }.joined(separator: "; ") + ")"
    }
    try PlainText.write("\(counts.analysed) texts: accuracy \(figure(state.confusion.accuracy)) balanced accuracy \(figure(state.confusion.balancedAccuracy)) macro-F1 \(figure(state.confusion.macroF1)) ECE \(figure(state.calibration.expectedCalibrationError))\(perModel); \(rate) texts/s; written to \(out ?? "")\n")
  }
}

extension WordTokens: ExpressibleByArgument {}
