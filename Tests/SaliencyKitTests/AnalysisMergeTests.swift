import Corpus
import Foundation
import LSTMCore
import Reports
import Saliency
import Testing
@testable import SaliencyKit

/// The streaming runner on a tiny random model: shards merge to the unsharded state bit for bit, threads and
/// chunking do not change the result, and bad rows are listed, never dropped.
@Suite("Corpus analysis: runner, shards and merge")
struct AnalysisMergeTests {
  static let words = ["good", "bad", "ok", "film", "plot", "great", "awful", "!", "boring", "fun"]

  static func model() throws -> TextModel {
    let vocabulary = try Vocabulary(tokens: ["<pad>", "<unk>"] + words)
    var generator = SplitMix64(seed: 21)
    let classifier = Classifier(
      randomlyInitialised: ModelConfig(vocabularySize: vocabulary.count, embeddingSize: 6, hiddenSize: 7, classCount: 2),
      generator: &generator)
    return TextModel(classifier: classifier, labels: ["negative", "positive"], vocabulary: vocabulary, tokenizer: Tokenizer(),
                     name: "tiny")
  }

  /// Rows of 1…14 words (some unknown), labels mostly the model's, every 37th "neutral".
  static func rows(count: Int = 400) -> [LabelledText] {
    var generator = SplitMix64(seed: 5)
    return (0..<count).map { index in
      let length = 1 + Int(generator.next() % 14)
      let text = (0..<length).map { _ in
        generator.next() % 9 == 0 ? "zzz" : words[Int(generator.next() % UInt64(words.count))]
      }.joined(separator: " ")
      let label = index % 37 == 36 ? "neutral" : (generator.next() % 2 == 0 ? "negative" : "positive")
      return LabelledText(text: text, label: label, line: index + 2)
    }
  }

  static func source(_ rows: [LabelledText]) -> AnalysisRunner.Source {
    var position = 0
    return AnalysisRunner.Source(next: {
      defer { position += 1 }
      return position < rows.count ? rows[position] : nil
    }, drainRejected: { [] })
  }

  static func runner(batchSize: Int, threads: Int = 2, chunkSize: Int = 32, shard: Shard? = nil) throws -> AnalysisRunner {
    let settings = MethodSettings(methods: [Trajectory.id, GradientTimesInput.id, Occlusion.id])
    var configuration = CorpusAnalysis.Configuration(settings: settings, inputName: "rows.tsv")
    configuration.batchSize = batchSize
    configuration.examplesKept = 4
    configuration.skipBadRows = true
    var runner = AnalysisRunner(analysis: try CorpusAnalysis(model: try model(), configuration: configuration))
    runner.threads = threads
    runner.chunkSize = chunkSize
    runner.shard = shard
    return runner
  }

  struct Run {
    var state: AnalysisState
    var lines: [String]
    var rejected: [AnalysisRejection]
  }

  static func run(_ runner: AnalysisRunner, rows: [LabelledText] = rows()) throws -> Run {
    var lines: [String] = [], rejected: [AnalysisRejection] = []
    let state = try runner.run(source(rows), onChunk: { bytes, rows in
      lines += String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
      rejected += rows
    })
    return Run(state: state, lines: lines, rejected: rejected)
  }

  /// state.json bytes under one fixed info, so only the state is compared.
  static func stateBytes(_ state: AnalysisState, model: TextModel) throws -> Data {
    let info = AnalysisInfo(input: "rows.tsv", inputSHA256: nil, inputFormat: "tsv", shard: nil, selection: .fixed(model),
                            settings: MethodSettings(methods: [Trajectory.id]), target: nil, labelMap: .identity, minCount: 1, batchSize: 1,
                            chunkSize: 32, generator: "test")
    let tokens = AnalysisFiles.tokenTexts(of: state, vocabularies: [model.vocabulary])
    return try AnalysisFiles.encodeState(AnalysisFiles.Stored(info: info, state: state, tokens: tokens))
  }

  static func wordsCSV(_ state: AnalysisState, model: TextModel) throws -> String {
    var text = ""
    try AnalysisFiles.writeWords(state: state, models: [model.name], tokenText: { model.vocabulary?.token(at: $1) ?? "?" },
                                 minCount: 1) { text += $0 }
    return text
  }

  @Test("merge(shards 0/3, 1/3, 2/3) equals the unsharded run bit for bit (batch size 1)")
  func shardsMergeExactly() throws {
    let model = try Self.model()
    let whole = try Self.run(Self.runner(batchSize: 1))
    var merged: AnalysisState?
    var lines: [(Int, String)] = [], rejected: [AnalysisRejection] = []
    for index in [2, 0, 1] {
      let part = try Self.run(Self.runner(batchSize: 1, shard: Shard(index: index, count: 3)))
      if merged == nil { merged = part.state } else { try merged?.merge(part.state) }
      lines += part.lines.map { (SortedLineMerge.exampleLineNumber($0) ?? -1, $0) }
      rejected += part.rejected
    }
    let state = try #require(merged)
    #expect(whole.state.counts.analysed == 390 && whole.state.counts.rejectedUnknownLabel == 10)
    #expect(try Self.stateBytes(state, model: model) == Self.stateBytes(whole.state, model: model))
    #expect(try Self.wordsCSV(state, model: model) == Self.wordsCSV(whole.state, model: model))
    let summary = { (state: AnalysisState) in
      AnalysisSummary.json(info: AnalysisInfo(input: "x", inputSHA256: nil, inputFormat: "tsv", shard: nil, selection: .fixed(model),
                                              settings: MethodSettings(methods: [Trajectory.id]), target: nil, labelMap: .identity, minCount: 1,
                                              batchSize: 1, chunkSize: 32, generator: "t"), state: state).serialized()
    }
    #expect(summary(state) == summary(whole.state))
    #expect(lines.sorted { $0.0 < $1.0 }.map(\.1) == whole.lines)
    #expect(rejected.sorted { $0.line < $1.line } == whole.rejected)
  }

  @Test("threads and chunk sizes do not change the result")
  func threadsDoNotMatter() throws {
    let model = try Self.model()
    let two = try Self.run(Self.runner(batchSize: 8, threads: 2))
    let one = try Self.run(Self.runner(batchSize: 8, threads: 1))
    #expect(try Self.stateBytes(two.state, model: model) == Self.stateBytes(one.state, model: model))
    #expect(two.lines == one.lines)
    let small = try Self.run(Self.runner(batchSize: 1, chunkSize: 5))
    let large = try Self.run(Self.runner(batchSize: 1, chunkSize: 256))
    #expect(try Self.stateBytes(small.state, model: model) == Self.stateBytes(large.state, model: model))
  }

  @Test("state.json round-trips byte for byte")
  func stateRoundTrip() throws {
    let model = try Self.model()
    let run = try Self.run(Self.runner(batchSize: 4))
    let bytes = try Self.stateBytes(run.state, model: model)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("analysis-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try bytes.write(to: folder.appendingPathComponent(AnalysisFiles.state))
    let stored = try AnalysisFiles.readState(directory: folder)
    #expect(try Self.stateBytes(stored.state, model: model) == bytes)
    #expect(stored.state.confidentErrors.sorted == run.state.confidentErrors.sorted)
    // A state of an earlier format (2: word cells as objects) is refused by its version, naming the file.
    let old = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"formatVersion\":3", with: "\"formatVersion\":2")
    #expect(old != String(decoding: bytes, as: UTF8.self))
    try Data(old.utf8).write(to: folder.appendingPathComponent(AnalysisFiles.state))
    #expect {
      try AnalysisFiles.readState(directory: folder)
    } throws: { error in
      "\(error)".contains("state.json: state format 2 is not supported") && "\(error)".contains("analyse the shards again")
    }
    // A word table whose columns differ in length is refused.
    let text = String(decoding: bytes, as: UTF8.self)
    let short = try #require(text.range(of: "\"token\":[1,"))
    try Data(text.replacingCharacters(in: short, with: "\"token\":[").utf8).write(to: folder.appendingPathComponent(AnalysisFiles.state))
    #expect {
      try AnalysisFiles.readState(directory: folder)
    } throws: { error in
      "\(error)".contains("not a valid analysis state") && "\(error)".contains("do not fit its labels")
    }
  }

  @Test("an unknown label fails naming its line; with skipBadRows it is listed and counted")
  func unknownLabel() throws {
    var runner = try Self.runner(batchSize: 4)
    let rows = [LabelledText(text: "good film", label: "positive", line: 2), LabelledText(text: "bad", label: "neg", line: 3)]
    let strict = try AnalysisRunner(analysis: CorpusAnalysis(model: Self.model(), configuration: {
      var configuration = runner.analysis.configuration
      configuration.skipBadRows = false
      return configuration
    }()))
    #expect(throws: AnalysisError.unknownLabel(file: "rows.tsv", line: 3, label: "neg", model: "tiny", labels: ["negative", "positive"])) {
      _ = try Self.run(strict, rows: rows)
    }
    let skipped = try Self.run(runner, rows: rows)
    #expect(skipped.rejected.map(\.line) == [3] && skipped.state.counts.rejectedUnknownLabel == 1)
    runner.labelMap = try LabelMap(parsing: "neg=negative")
    let mapped = try Self.run(runner, rows: rows)
    #expect(mapped.state.counts.analysed == 2 && mapped.rejected.isEmpty)
    #expect(mapped.lines[1].hasSuffix(",\"line\":3,\"gold\":\"negative\"}"))
  }

  @Test("a row without tokens fails naming its line, or is rejected with skipBadRows")
  func noTokens() throws {
    let runner = try Self.runner(batchSize: 2)
    let rows = [AnalysisRow(index: 0, line: 2, text: "good", gold: 1), AnalysisRow(index: 1, line: 3, text: " \u{200B} ", gold: 0)]
    let outcome = try runner.analysis.analyze(rows)
    #expect(outcome.rejected.map(\.kind) == [.noTokens] && outcome.exampleLines.filter { $0 == 0x0A }.count == 1)
    var configuration = runner.analysis.configuration
    configuration.skipBadRows = false
    let strict = try CorpusAnalysis(model: Self.model(), configuration: configuration)
    #expect(throws: AnalysisError.noTokens(file: "rows.tsv", line: 3)) { _ = try strict.analyze(rows) }
  }

  @Test("a huge text is encoded from a prefix, with the same tokens and the full token count")
  func longText() throws {
    let model = try Self.model()
    let text = Array(repeating: "good plot !", count: 40_000).joined(separator: " ")
    let bounded = try model.encode(text: text, maxTokens: 50)
    let full = try model.encodeWhole(text: text, maxTokens: 50)
    #expect(bounded.tokens == full.tokens && bounded.truncated && bounded.text == text)
    #expect(bounded.originalTokenCount == full.originalTokenCount)
  }

  @Test("merge refuses missing, repeated and foreign shards")
  func mergeValidation() throws {
    let model = try Self.model()
    func stored(_ shard: Shard?, sha: String = "abc") throws -> AnalysisFiles.Stored {
      let info = AnalysisInfo(input: "rows.tsv", inputSHA256: sha, inputFormat: "tsv", shard: shard, selection: .fixed(model),
                              settings: MethodSettings(methods: [Trajectory.id]), target: nil, labelMap: .identity, minCount: 1, batchSize: 1,
                              chunkSize: 32, generator: "test")
      return AnalysisFiles.Stored(info: info, state: try CorpusAnalysis(model: model, configuration: .init(settings: MethodSettings(methods: [Trajectory.id]), inputName: "x")).emptyState(), tokens: [[:]])
    }
    #expect(throws: AnalysisError.self) { try AnalysisMerge.merge([("a", stored(Shard(index: 0, count: 2)))]) }
    #expect(throws: AnalysisError.self) {
      try AnalysisMerge.merge([("a", stored(Shard(index: 0, count: 2))), ("b", stored(Shard(index: 0, count: 2)))])
    }
    #expect(throws: AnalysisError.self) {
      try AnalysisMerge.merge([("a", stored(Shard(index: 0, count: 2))), ("b", stored(Shard(index: 1, count: 2), sha: "other"))])
    }
    let merged = try AnalysisMerge.merge([("b", stored(Shard(index: 1, count: 2))), ("a", stored(Shard(index: 0, count: 2)))])
    #expect(merged.info.shard == nil && merged.info.mergedShards.map(\.index) == [0, 1])
  }

  @Test("sorted line merge interleaves shards by line number")
  func sortedLineMerge() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
    try "line\treason\traw\n2\tx\tr\n9\ty\ts".write(to: a, atomically: true, encoding: .utf8)
    try "line\treason\traw\n4\tz\tt\n".write(to: b, atomically: true, encoding: .utf8)
    var out: [String] = []
    try SortedLineMerge.merge([a, b], skipFirstLine: true, key: SortedLineMerge.rejectedLineNumber) { out.append($0) }
    #expect(out == ["2\tx\tr", "4\tz\tt", "9\ty\ts"])
    #expect(SortedLineMerge.exampleLineNumber("{\"text\":\",\\\"line\\\":5\",\"probabilities\":{\"line\":0.5},\"line\":12,\"gold\":\"a\"}") == 12)
  }
}
