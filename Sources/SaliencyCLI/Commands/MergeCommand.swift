import ArgumentParser
import Foundation
import Reports
import SaliencyKit
import SystemSupport

/// `saliency merge DIR… --out DIR`: combines the directories of `analyze --shard K/N` (every K) into the
/// analysis of the whole corpus.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Combine the shards or parts of one analysis (analyze --shard K/N or --part K/N), or the parts of one evaluation (evaluate --part K/N).",
    discussion: """
      Counts and sums are stored exactly in each shard's state.json, so the merged metrics and word tables are \
      those of one unsharded run, bit for bit (a text's numbers never depend on its batch-mates). examples.jsonl and \
      rejected.tsv are merged in line order. Parts (analyze --part K/N, consecutive slices of one input, as the \
      Spark job writes them) are put back in K order and give the directory of one run over the whole input. \
      Directories holding evaluation-part.json (evaluate --part K/N) merge into the evaluation of the whole corpus: \
      index.html, results.json, curves.csv and rejected.tsv. DIR is built beside its final place and swapped in at \
      the end.
      """)

  @Argument(help: ArgumentHelp("Directories written by saliency analyze --shard K/N or --part K/N, or by evaluate --part K/N.", valueName: "dir"))
  var directories: [String]

  @Option(name: .long, help: ArgumentHelp("The merged analysis directory to write (replaced atomically).", valueName: "dir"))
  var out: String

  @Flag(name: .long, help: "Parts only: move the parts' examples.jsonl into DIR rather than copy them (the first part's bytes are not copied at all). For a pipeline's own parts, as the Spark job's; if the merge fails, the parts are left as they were.")
  var moveParts = false

  @OptionGroup var directoryOptions: DirectoryOutputOptions

  func validate() throws {
    if directories.isEmpty { throw ValidationError("Give the analysis directories to merge.") }
  }

  func run() throws {
    let first = URL(fileURLWithPath: directories[0], isDirectory: true).appendingPathComponent(EvaluationPart.fileName)
    if FileManager.default.fileExists(atPath: first.path) {
      try runReportingErrors {
        if moveParts { throw ValidationError("--move-parts goes with the parts of an analysis (analyze --part K/N), not of an evaluation.") }
        try mergeEvaluation()
      }
      return
    }
    try runReportingErrors {
      let claim = directoryOptions.analysisClaim(inputs: directories)
      try directoryOptions.check(out, claim)
      let urls = directories.map { URL(fileURLWithPath: $0, isDirectory: true) }
      // The states are decoded side by side (JSON decoding is most of a merge's work); the first error in
      // argument order is the one reported.
      let states = Parallel.map(count: urls.count, threads: ProcessInfo.processInfo.activeProcessorCount) { index in
        Result { try AnalysisFiles.readState(directory: urls[index]) }
      }
      let parts = try zip(directories, states).map { name, state in (name: name, stored: try state.get()) }
      let (info, state) = try AnalysisMerge.merge(parts)
      var tokens = [[Int: String]](repeating: [:], count: info.models.count)
      for part in parts {
        for (model, table) in part.stored.tokenTables.enumerated() { tokens[model].merge(table) { first, _ in first } }
      }
      // Parts are consecutive slices: their lines follow one another in part order. Shards interleave.
      let partOrder = parts.indices.sorted { (parts[$0].stored.info.part?.index ?? 0) < (parts[$1].stored.info.part?.index ?? 0) }
      let isParts = parts.contains { $0.stored.info.part != nil }
      if moveParts, !isParts {
        throw ValidationError("--move-parts goes with parts (analyze --part K/N); shards interleave, so their lines are merged, not moved.")
      }
      let partExamples = partOrder.map { urls[$0].appendingPathComponent(AnalysisFiles.examples) }
      func lines(_ name: String, header: Bool, key: @escaping (String) -> Int?, to file: OutputFile) throws {
        if isParts {
          try LineFileConcatenation.concatenate(partOrder.map { urls[$0].appendingPathComponent(name) },
                                                skipFirstLine: header, into: file)
        } else {
          try SortedLineMerge.merge(urls.map { $0.appendingPathComponent(name) }, skipFirstLine: header, key: key) {
            try file.write($0 + "\n")
          }
        }
      }
      var moved: LinkedFile?
      do {
        try OutputDirectory.write(to: out, claim: claim) { directory in
          if moveParts {
            // DIR's examples.jsonl is the first part's file, shared (hard link) and extended by the others.
            let (examples, linked) = try directory.stream(AnalysisFiles.examples, extending: partExamples[0].path)
            moved = linked
            try LineFileConcatenation.concatenate(Array(partExamples.dropFirst()), skipFirstLine: false, into: examples)
            try examples.close()
          } else {
            let examples = try directory.stream(AnalysisFiles.examples)
            try lines(AnalysisFiles.examples, header: false, key: SortedLineMerge.exampleLineNumber, to: examples)
            try examples.close()
          }
          let rejected = try directory.stream(AnalysisFiles.rejected)
          try rejected.write(AnalysisFiles.rejectedHeader)
          try lines(AnalysisFiles.rejected, header: true, key: SortedLineMerge.rejectedLineNumber, to: rejected)
          try rejected.close()
          try AnalysisFiles.writeResults(AnalysisFiles.Stored(info: info, state: state, tokens: tokens), to: directory,
                                         threads: ProcessInfo.processInfo.activeProcessorCount)
        }
      } catch {
        moved?.restore()
        throw error
      }
      if moveParts {
        for file in partExamples { try? FileManager.default.removeItem(at: file) }
      }
      let accuracy = state.confusion.accuracy.map { NumberFormatting.fixed($0, decimals: 4) } ?? "n/a"
      let what = isParts ? "part(s)" : "shard(s)"
      try PlainText.write("merged \(parts.count) \(what): \(state.counts.analysed) texts, accuracy \(accuracy); written to \(out)\n")
    }
  }

  /// The parts of one evaluation (`evaluate --part K/N`) as the evaluation of the whole corpus.
  private func mergeEvaluation() throws {
    let claim = directoryOptions.claim(kind: "evaluation", command: "saliency evaluate", inputs: directories)
    try directoryOptions.check(out, claim)
    let parts = try directories.map { (name: $0, part: try EvaluationPart.read(directory: URL(fileURLWithPath: $0, isDirectory: true))) }
    let merged = try EvaluationPart.merge(parts)
    let document = EvaluationPart.document(settings: merged.settings, measures: merged.measures,
                                           truncated: merged.truncated, rejected: merged.rejected.count)
    try OutputDirectory.write(to: out, claim: claim) { try document.write(to: $0, rejected: merged.rejected) }
    if !merged.rejected.isEmpty {
      Diagnostics.warning("\(merged.rejected.count) row(s) rejected and listed in \(out)/\(EvaluationDocument.FileName.rejected)")
    }
    try PlainText.write(EvaluationTable.render(document) + "written to \(out)\n")
  }
}
