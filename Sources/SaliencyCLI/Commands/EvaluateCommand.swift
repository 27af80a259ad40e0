import ArgumentParser
import Corpus
import Foundation
import Reports
import Saliency
import SaliencyKit

/// `evaluate` runs every method unless `--method` says otherwise, and erases tokens as `--erasure` says.
enum AllByDefault: DefaultMethods {
  static let settings = MethodSettings(methods: SaliencyMethods.ids)
  static let methodsHelp = "all"
  static let ownOptions: [MethodOption] = [.erasure, .seed]
  static let explainsTargets = false
}

/// `saliency evaluate CORPUS --out DIR`: which explanation to trust, measured on the model's own labelled texts.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Measure how faithful, sane, plausible and costly each saliency method is on a labelled corpus.",
    discussion: """
      For the first --limit texts: ERASER comprehensiveness and sufficiency at the top 1, 5, 10, 20 and 50% of \
      tokens with their AOPC; word deletion (accuracy after deleting up to 5 tokens); Kendall τ between methods; \
      lexicon plausibility with --lexicon; cascading model randomisation (Spearman ρ); sequences/s. Every figure \
      is given against a random ranking (mean of --random-seeds orders) with a bootstrap 95% interval. Without \
      --model each text is read by the default model of its script (a Han character: default-zh, else default-en); \
      the figures pool all texts, and results.json breaks them down per model. Tokens are \
      erased as --erasure says (default pad). Writes DIR/index.html, results.json, curves.csv and rejected.tsv \
      (built beside DIR and swapped in at the end); prints a table. With - as CORPUS and --part K/N, reads one \
      slice of consecutive records of a larger corpus on standard input (as the Spark job does per partition) and \
      writes DIR/evaluation-part.json, its per-text measures; saliency merge of every part writes the report of one \
      run over the whole corpus. Products are row-stable, so a text's figures never depend on the texts beside it.
      """)

  @Argument(help: ArgumentHelp("Labelled corpus: .tsv, .csv or .jsonl with label and text columns.", valueName: "corpus"))
  var corpus: String
  @Option(name: .long, help: ArgumentHelp("The directory to write (replaced atomically).", valueName: "dir"))
  var out: String
  @Option(name: .long, help: "Evaluate only the first N texts.")
  var limit: Int?
  @Option(name: .long, help: ArgumentHelp("Sentiment lexicon for plausibility: word<TAB>valence per line.", valueName: "file"))
  var lexicon: String?
  @Option(name: .long, help: "Plausibility judges each method's top N tokens per text.")
  var topK = 5
  @Option(name: .long, help: "Random orders per text behind the random baseline.")
  var randomSeeds = 10
  @Option(name: .long, help: "Bootstrap resamples behind each 95% interval.")
  var bootstrap = 1_000
  @Flag(name: .long, help: "Skip the cascading-randomisation sanity check (it runs every method three more times).")
  var noSanity = false

  @OptionGroup var corpusOptions: LabelledCorpusOptions
  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var saliencyOptions: SaliencyOptions<AllByDefault>
  @OptionGroup var directoryOptions: DirectoryOutputOptions
  @OptionGroup var partOptions: PartOptions
  @Option(name: .long, help: ArgumentHelp("With --part: the index of the slice's first text in the whole corpus (the seed of its random orders; --limit counts from the corpus's start).", valueName: "n"))
  var textOffset = 0
  @Flag(name: .long, help: "With --part: only print how many texts the slice holds.")
  var countTexts = false

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    if topK < 1 { throw ValidationError("--top-k must be at least 1.") }
    if randomSeeds < 1 { throw ValidationError("--random-seeds must be at least 1.") }
    if bootstrap < 1 { throw ValidationError("--bootstrap must be at least 1.") }
    try partOptions.validate(input: corpus, model: modelOptions.model, shard: nil, out: out, stdinHint: "give - as CORPUS")
    if partOptions.part == nil, textOffset != 0 || countTexts {
      throw ValidationError("--text-offset and --count-texts go with --part K/N.")
    }
    if textOffset < 0 { throw ValidationError("--text-offset cannot be negative.") }
    if saliencyOptions.target != nil {
      throw ValidationError("evaluate explains each text's predicted class (the class the measures follow); drop --target.")
    }
  }

  func run() throws {
    if let part = partOptions.parsedPart {
      try runReportingErrors { try runPart(part) }
      return
    }
    try runReportingErrors {
      let claim = directoryOptions.claim(kind: "evaluation", command: "saliency evaluate", inputs: [corpus, modelOptions.model, lexicon])
      try directoryOptions.check(out, claim)
      let reader = try CorpusReader(path: corpus, format: nil, options: corpusOptions.readerOptions)
      let first = try reader.next()
      let (selection, labels, settings, evaluation) = try evaluationSetup()
      let loaded = try EvaluationCorpus(reader: reader, first: first, selection: selection, labelMap: labels, limit: limit,
                                        maxTokens: settings.methods.effectiveMaxTokens, skipBadRows: corpusOptions.skipBadRows)
      guard !loaded.texts.isEmpty else {
        if loaded.rejected.isEmpty { throw AnalysisError.emptyCorpus(file: reader.displayName) }
        throw AnalysisError.nothingAnalysed(file: reader.displayName, rejected: loaded.rejected.count)
      }
      warnIfMostlyUnknown(loaded, input: reader.displayName)
      Diagnostics.note(try Self.costEstimate(loaded.texts, settings: settings))
      let progress = EvaluationProgress()
      let measured = try evaluation.measures(loaded.texts, onPhase: { progress.start($0.rawValue, total: $1) },
                                             onStep: progress.step)
      progress.finish()
      let notes = PooledEvaluation.notes(limit: limit, truncated: loaded.truncated, maxTokens: settings.methods.effectiveMaxTokens,
                                         rejected: loaded.rejected.count, measured: measured)
      let document = PooledEvaluation.document(
        measured, settings: settings, models: selection.models.map(\.name), labels: selection.labels,
        lexicons: evaluation.lexicons, corpus: reader.displayName, notes: notes, generator: HTMLOutput.generator)
      try OutputDirectory.write(to: out, claim: claim) { try document.write(to: $0, rejected: loaded.rejected) }
      if !loaded.rejected.isEmpty {
        Diagnostics.warning("\(loaded.rejected.count) row(s) rejected and listed in \(out)/\(EvaluationDocument.FileName.rejected)")
      }
      try PlainText.write(EvaluationTable.render(document) + "written to \(out)\n")
    }
  }

  /// The models (`--model`, or each text's default), the labels, the settings and the evaluation of this run,
  /// with its lexicon read once per candidate model.
  private func evaluationSetup() throws
    -> (selection: ModelSelection, labels: LabelMap, settings: EvaluationSettings, evaluation: PooledEvaluation) {
    let selection = try modelOptions.selection()
    let labels = try corpusOptions.labels(for: selection.models[0])
    let lexicons = try lexicon.map { path in try selection.models.map { try Lexicon(contentsOf: path, tokenizer: $0.tokenizer) } } ?? []
    var settings = EvaluationSettings(methods: try saliencyOptions.settings())
    settings.randomSeeds = randomSeeds
    settings.bootstrapResamples = bootstrap
    settings.sanity = !noSanity
    settings.plausibilityTopK = topK
    settings.threads = saliencyOptions.workerThreads
    return (selection, labels, settings, try PooledEvaluation(selection: selection, settings: settings, lexicons: lexicons))
  }

  private func warnIfMostlyUnknown(_ loaded: EvaluationCorpus, input: String) {
    guard loaded.mostlyUnknown > 0 else { return }
    Diagnostics.warning("\(loaded.mostlyUnknown) of \(loaded.texts.count) text(s) have mostly tokens their model does "
      + "not know (first: \(input):\(loaded.firstMostlyUnknownLine ?? 0)); is it the right model? "
      + "(--model; without it each text picks default-zh or default-en by its script)")
  }

  /// The line printed before the work: texts, tokens, and which methods take most of it by
  /// `SaliencyMethod.estimatedCost(tokens:)` (Shapley usually dominates `--method all`).
  static func costEstimate(_ texts: [EvaluationText], settings: EvaluationSettings) throws -> String {
    let lengths = texts.map(\.input.ids.count)
    let costs = try settings.methods.makeMethods().map { method in
      (method.id, lengths.reduce(0.0) { $0 + method.estimatedCost(tokens: $1) })
    }
    let total = max(costs.reduce(0) { $0 + $1.1 }, 1)
    let shares = costs.sorted { $0.1 > $1.1 }.prefix(3).map { "\($0.0.rawValue) \(Int((100 * $0.1 / total).rounded()))%" }
    var line = "evaluating \(texts.count) texts (\(lengths.reduce(0, +)) tokens) with \(costs.count) method(s); "
      + "estimated share of the explaining work: \(shares.joined(separator: ", "))"
    if settings.sanity { line += "; the sanity check explains everything three more times (--no-sanity skips it)" }
    return line
  }

  /// `--part K/N`: the per-text measures of the slice on standard input, in DIR/evaluation-part.json (or, with
  /// --count-texts, how many texts it holds, on standard output). Without --model each text picks its model as
  /// in one run over the whole corpus (the candidates are fixed, whatever the slice holds).
  private func runPart(_ part: Shard) throws {
    var readerOptions = corpusOptions.readerOptions
    readerOptions.lineOffset = partOptions.lineOffset
    let name = partOptions.inputName ?? CorpusReader.standardInputName
    let reader = try CorpusReader(fileHandle: .standardInput, displayName: name, format: partOptions.stdinFormat,
                                  options: readerOptions)
    let (selection, labels, settings, evaluation) = try evaluationSetup()
    let maxTokens = settings.methods.effectiveMaxTokens
    if countTexts {
      let loaded = try EvaluationCorpus(reader: reader, first: nil, selection: selection, labelMap: labels, limit: nil,
                                        maxTokens: maxTokens, skipBadRows: corpusOptions.skipBadRows)
      try PlainText.write("\(loaded.texts.count)\n")
      return
    }
    let claim = directoryOptions.claim(kind: "evaluation-part", command: "saliency evaluate --part", inputs: [modelOptions.model, self.lexicon])
    try directoryOptions.check(out, claim)
    let loaded = try EvaluationCorpus(reader: reader, first: nil, selection: selection, labelMap: labels,
                                      limit: limit.map { max(0, $0 - textOffset) }, maxTokens: maxTokens,
                                      skipBadRows: corpusOptions.skipBadRows)
    warnIfMostlyUnknown(loaded, input: name)
    let measures = try evaluation.measures(loaded.texts, textOffset: textOffset)
    let lexicons = evaluation.lexicons
    let recorded = EvaluationPart.Settings(
      corpus: name, models: selection.models.map(\.name), labels: selection.labels, seed: settings.seed,
      erasure: settings.erasure.rawValue, percentages: settings.percentages, deletionSteps: settings.deletionSteps,
      randomSeeds: settings.randomSeeds, bootstrapResamples: settings.bootstrapResamples, sanity: settings.sanity,
      plausibilityTopK: settings.plausibilityTopK, maxTokens: maxTokens, limit: limit, lexiconName: lexicons.first?.name,
      lexiconEntries: lexicons.map(\.count), generator: HTMLOutput.generator)
    let result = EvaluationPart(part: part, settings: recorded, truncated: loaded.truncated, rejected: loaded.rejected,
                                measures: measures)
    try OutputDirectory.write(to: out, claim: claim) { try $0.write(result.encoded(), to: EvaluationPart.fileName) }
    try PlainText.write("part \(part.text): \(measures.count) texts measured; written to \(out)\n")
  }
}
