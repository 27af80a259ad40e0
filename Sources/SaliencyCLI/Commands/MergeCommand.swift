import ArgumentParser
import Foundation
import Reports
import SaliencyKit

/// `saliency merge DIR… --out DIR`: combines the directories of `analyze --shard K/N` (every K) into the
/// analysis of the whole corpus.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Combine the shards of one analysis (analyze --shard K/N for every K) into one analysis directory.",
    discussion: """
      Counts and sums are stored exactly in each shard's state.json, so the merged metrics and word tables are \
      those of one unsharded run, bit for bit (a text's numbers never depend on its batch-mates). examples.jsonl and \
      rejected.tsv are merged in line order. DIR is built beside its final place and swapped in at the end.
      """)

  @Argument(help: ArgumentHelp("Analysis directories written by saliency analyze --shard K/N.", valueName: "dir"))
  var directories: [String]

  @Option(name: .long, help: ArgumentHelp("The merged analysis directory to write (replaced atomically).", valueName: "dir"))
  var out: String

  @OptionGroup var directoryOptions: DirectoryOutputOptions

  func validate() throws {
    if directories.isEmpty { throw ValidationError("Give the analysis directories to merge.") }
  }

  func run() throws {
    try runReportingErrors {
      let claim = directoryOptions.analysisClaim(inputs: directories)
      try directoryOptions.check(out, claim)
      let urls = directories.map { URL(fileURLWithPath: $0, isDirectory: true) }
      let parts = try zip(directories, urls).map { name, url in (name: name, stored: try AnalysisFiles.readState(directory: url)) }
      let (info, state) = try AnalysisMerge.merge(parts)
      var tokens = [[Int: String]](repeating: [:], count: info.models.count)
      for part in parts {
        for (model, table) in part.stored.tokenTables.enumerated() { tokens[model].merge(table) { first, _ in first } }
      }
      try OutputDirectory.write(to: out, claim: claim) { directory in
        let examples = try directory.stream(AnalysisFiles.examples)
        try SortedLineMerge.merge(urls.map { $0.appendingPathComponent(AnalysisFiles.examples) }, skipFirstLine: false,
                                  key: SortedLineMerge.exampleLineNumber) { try examples.write($0 + "\n") }
        try examples.close()
        let rejected = try directory.stream(AnalysisFiles.rejected)
        try rejected.write(AnalysisFiles.rejectedHeader)
        try SortedLineMerge.merge(urls.map { $0.appendingPathComponent(AnalysisFiles.rejected) }, skipFirstLine: true,
                                  key: SortedLineMerge.rejectedLineNumber) { try rejected.write($0 + "\n") }
        try rejected.close()
        try AnalysisFiles.writeResults(AnalysisFiles.Stored(info: info, state: state, tokens: tokens), to: directory,
                                       threads: ProcessInfo.processInfo.activeProcessorCount)
      }
      let accuracy = state.confusion.accuracy.map { NumberFormatting.fixed($0, decimals: 4) } ?? "n/a"
      try PlainText.write("merged \(parts.count) shard(s): \(state.counts.analysed) texts, accuracy \(accuracy); written to \(out)\n")
    }
  }
}
