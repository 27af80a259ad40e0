import Reports
import Saliency

/// Turns an analysis into the document of its HTML page (`index.html`).
public enum AnalysisReport {
  /// Tokens listed per class and direction on the page (words.csv has them all).
  public static let wordsShown = 10

  /// - Parameter tokenText: the text of a token id of a candidate model (by index).
  public static func document(info: AnalysisInfo, state: AnalysisState, tokenText: (_ model: Int, _ id: Int) -> String)
    -> CorpusReportDocument {
    let labels = state.labels
    let confusion = state.confusion
    let counts = state.counts
    var scope: String?
    if let shard = info.shard { scope = "shard \(shard.text) (rows whose index mod \(shard.count) is \(shard.index))" }
    if !info.mergedShards.isEmpty { scope = "merged from shards " + info.mergedShards.map(\.text).joined(separator: ", ") }
    let methods = state.methods.indices.map { index in
      CorpusReportDocument.Method(id: state.methods[index], sign: state.signs[index].flatMap(HeatmapDocument.SignMeaning.init),
                                  options: state.options[index],
                                  about: state.options[index].flatMap {
                                    DefaultExplanation.legend(method: state.methods[index], optionsSummary: $0,
                                                              target: "the explained class")
                                  })
    }
    let calibration = state.calibration.bins.indices.map { index in
      let bin = state.calibration.bins[index], range = state.calibration.range(of: index)
      return CorpusReportDocument.CalibrationBin(lower: range.lower, upper: range.upper, count: bin.count,
                                                 accuracy: bin.accuracy, meanConfidence: bin.meanConfidence)
    }
    let lengths = state.lengths.buckets.indices.map { index in
      let range = LengthAccuracy.range(of: index), bucket = state.lengths.buckets[index]
      let name = range.max.map { range.min == $0 ? "\($0)" : "\(range.min)–\($0)" } ?? "\(range.min)+"
      return CorpusReportDocument.LengthBucket(range: name, count: bucket.count, accuracy: bucket.accuracy)
    }
    let agreement = state.agreement.pairs.map { pair in
      CorpusReportDocument.Agreement(first: state.methods[pair.first], second: state.methods[pair.second],
                                     meanTau: pair.mean, texts: pair.count, undefined: pair.undefined)
    }
    let sole = AnalysisSummary.soleModel(info: info, state: state)
    let modelName = sole.map { info.models[$0].name }
      ?? zip(info.models, state.models).map { "\($0.name) (\($1.analysed) rows)" }.joined(separator: ", ")
    var countList = [("rows", counts.rows), ("analysed", counts.analysed), ("rejected (see rejected.tsv)", counts.rejected),
                     ("truncated at --max-tokens", counts.truncated), ("tokens", counts.tokens),
                     ("tokens unknown to the model", counts.unknownTokens)]
    if counts.mostlyUnknown > 0 { countList.append(("texts mostly unknown to their model", counts.mostlyUnknown)) }
    if sole == nil { countList += zip(info.models, state.models).map { ("read by \($0.name)", $1.analysed) } }
    return CorpusReportDocument(
      title: "Corpus analysis: \(info.input)", generator: info.generator, inputName: info.input,
      inputSHA256: info.inputSHA256, scope: scope, modelName: modelName, labels: labels, methods: methods,
      counts: countList,
      notes: AnalysisSummary.notes(info: info, state: state), count: confusion.total, accuracy: confusion.accuracy,
      balancedAccuracy: confusion.balancedAccuracy, macroF1: confusion.macroF1,
      expectedCalibrationError: state.calibration.expectedCalibrationError,
      classes: labels.indices.map { klass in
        let figures = confusion.figures(of: klass)
        return CorpusReportDocument.ClassRow(label: labels[klass], precision: figures.precision, recall: figures.recall,
                                             f1: figures.f1, support: figures.support, predicted: figures.predicted)
      },
      confusion: confusion.counts, calibration: calibration, lengths: lengths, agreement: agreement,
      minCount: info.minCount, wordFilter: info.effectiveWordTokens.description,
      words: wordTables(state: state, models: info.models.map(\.name), tokenText: tokenText, minCount: info.minCount,
                        tokens: info.effectiveWordTokens),
      exampleGroups: [
        CorpusReportDocument.ExampleGroup(
          title: "Most confident errors",
          description: "Wrong predictions with the highest probability for the predicted class.",
          examples: state.confidentErrors.sorted.map { ($0.line, heatmap($0, labels: labels)) }),
        CorpusReportDocument.ExampleGroup(
          title: "Least confident correct answers",
          description: "Right predictions with the lowest probability for the predicted class.",
          examples: state.unsureCorrect.sorted.map { ($0.line, heatmap($0, labels: labels)) }),
      ])
  }

  /// Per method (whose sign is known), model (that read a row; named when there are several candidates) and
  /// class: the `wordsShown` tokens that `tokens` admits with the highest and the lowest mean signed score (for
  /// unsigned methods, the highest mean only).
  static func wordTables(state: AnalysisState, models: [String], tokenText: (_ model: Int, _ id: Int) -> String,
                         minCount: Int, tokens: WordTokens = .lexical) -> [CorpusReportDocument.WordTable] {
    var tables: [CorpusReportDocument.WordTable] = []
    for (index, method) in state.methods.enumerated() {
      guard let sign = state.signs[index].flatMap(HeatmapDocument.SignMeaning.init) else { continue }
      for (model, tally) in state.models.enumerated() where tally.analysed > 0 {
        func text(_ id: Int) -> String { tokenText(model, id) }
        let modelName = state.models.count > 1 && models.indices.contains(model) ? models[model] : nil
        let rows = tally.words[index].rows(minCount: minCount).filter { tokens.admits(text($0.token)) }
        for klass in state.labels.indices {
          let ofClass = rows.filter { $0.klass == klass }
          guard !ofClass.isEmpty else { continue }
          func word(_ row: WordStatistics.Row) -> CorpusReportDocument.Word {
            CorpusReportDocument.Word(token: text(row.token), meanSigned: row.cell.meanSigned,
                                      meanMagnitude: row.cell.meanMagnitude, count: row.cell.count,
                                      sharePositive: row.cell.sharePositive)
          }
          let supporting = ofClass.filter { !sign.isSigned || $0.cell.meanSigned > 0 }.prefix(wordsShown).map(word)
          let opposing = sign.isSigned ? ofClass.reversed().filter { $0.cell.meanSigned < 0 }.prefix(wordsShown).map(word) : []
          tables.append(CorpusReportDocument.WordTable(method: method, sign: sign, label: state.labels[klass],
                                                       supporting: supporting, opposing: opposing, model: modelName))
        }
      }
    }
    return tables
  }

  static func heatmap(_ example: AnalysisExample, labels: [String]) -> HeatmapDocument {
    HeatmapDocument(
      text: example.text,
      tokens: example.tokens.map { HeatmapDocument.Token(text: $0.text, start: $0.start, end: $0.end, unknown: $0.unknown) },
      modelName: example.model, labels: labels, probabilities: example.probabilities, predicted: example.predicted,
      gold: labels.indices.contains(example.gold) ? labels[example.gold] : nil, truncated: example.truncated,
      notes: example.notes,
      explanations: example.explanations.map { explanation in
        let target = labels.indices.contains(explanation.target) ? labels[explanation.target] : "?"
        return HeatmapDocument.Explanation(
          method: explanation.method, sign: HeatmapDocument.SignMeaning(rawValue: explanation.sign) ?? .unsigned,
          target: target, optionsSummary: explanation.options, scores: explanation.scores, axiomGap: explanation.axiomGap,
          saturation: explanation.saturation?.absoluteScale,
          about: DefaultExplanation.legend(method: explanation.method, optionsSummary: explanation.options, target: target))
      },
      agreement: MethodAgreement(methods: example.explanations.map(\.method), scores: example.explanations.map(\.scores)))
  }
}
