import Reports

/// The machine-readable outputs of `saliency evaluate`: `results.json` (every figure of the document) and
/// `curves.csv` (every curve point, one per line).
extension EvaluationDocument {
  /// The names of the files in the output directory.
  public enum FileName {
    public static let index = "index.html"
    public static let results = "results.json"
    public static let curves = "curves.csv"
    public static let rejected = "rejected.tsv"
  }

  /// Writes `index.html`, `results.json`, `curves.csv` and `rejected.tsv` (the `rejected` rows) into `directory`.
  public func write(to directory: OutputDirectory, rejected: [AnalysisRejection]) throws {
    try directory.write(EvaluationReportRenderer.render(self), to: FileName.index)
    try directory.write(jsonValue.prettyPrinted() + "\n", to: FileName.results)
    try directory.write(curvesCSV, to: FileName.curves)
    try directory.write(AnalysisFiles.rejectedHeader + rejected.map(AnalysisFiles.rejectedLine).joined(), to: FileName.rejected)
  }

  /// `results.json`.
  public var jsonValue: JSONValue {
    .object([
      ("title", .string(title)), ("model", .string(modelName)), ("labels", .array(labels.map(JSONValue.string))),
      ("corpus", .string(corpus)), ("texts", .int(texts)), ("correct", .int(correct)), ("erasure", .string(erasure)),
      ("percentages", .array(percentages.map(JSONValue.int))), ("deletion_steps", .int(deletionSteps)),
      ("random_seeds", .int(randomSeeds)), ("bootstrap_resamples", .int(bootstrapResamples)),
      ("methods", .array(methods.map(\.jsonValue))),
      ("agreement", .array(agreement.map { pair in
        .object([("first", .string(pair.first)), ("second", .string(pair.second)), ("kendall_tau", Self.json(pair.tau))])
      })),
      ("sanity", sanity.map { results in
        .array(results.map { result in
          .object([
            ("method", .string(result.method)), ("passed", .bool(result.passed)),
            ("threshold", .double(Self.sanityThreshold)),
            ("stages", .array(result.stages.map { stage in
              .object([("stage", .string(stage.stage.rawValue)), ("spearman_rho", Self.json(stage.rho)),
                       ("unchanged_expected", .bool(stage.unchangedExpected))])
            })),
          ])
        })
      } ?? .null),
      ("plausibility", plausibility.map { plausibility in
        .object([
          ("lexicon", .string(plausibility.lexicon)), ("entries", .int(plausibility.entries)),
          ("top_k", .int(plausibility.topK)), ("texts", .int(plausibility.texts)),
          ("results", .array(plausibility.results.map { result in
            .object([("method", .string(result.id)), ("agreeing", Self.json(result.agreeing)),
                     ("covered", Self.json(result.covered))])
          })),
        ])
      } ?? .null),
      ("models", .array(models.map { model in
        .object([
          ("name", .string(model.name)), ("texts", .int(model.texts)), ("correct", .int(model.correct)),
          ("mostly_unknown", .int(model.mostlyUnknown)),
          ("methods", .array(model.methods.map { method in
            .object([("method", .string(method.id)), ("comprehensiveness_aopc", Self.json(method.comprehensivenessAOPC)),
                     ("sufficiency_aopc", Self.json(method.sufficiencyAOPC))])
          })),
        ])
      })),
      ("notes", .array(notes.map(JSONValue.string))), ("generator", .string(generator)),
    ])
  }

  /// `curves.csv`: `curve,method,x,mean,lower,upper,count`; curves `comprehensiveness` and `sufficiency` (x = k%),
  /// `deletion-correct` and `deletion-wrong` (x = tokens deleted), `sanity` (x = stage).
  public var curvesCSV: String {
    var lines = ["curve,method,x,mean,lower,upper,count"]
    func add(_ curve: String, _ method: String, _ x: String, _ estimate: Estimate?) {
      guard let estimate else { return }
      lines.append([curve, CSVField.escaped(method), x, "\(estimate.mean)", "\(estimate.lower)", "\(estimate.upper)",
                    "\(estimate.count)"].joined(separator: ","))
    }
    for method in methods {
      for (bin, estimate) in zip(percentages, method.comprehensiveness) { add("comprehensiveness", method.id, "\(bin)", estimate) }
      for (bin, estimate) in zip(percentages, method.sufficiency) { add("sufficiency", method.id, "\(bin)", estimate) }
      for (step, estimate) in method.deletionOfCorrect.enumerated() { add("deletion-correct", method.id, "\(step)", estimate) }
      for (step, estimate) in method.deletionOfWrong.enumerated() { add("deletion-wrong", method.id, "\(step)", estimate) }
    }
    for result in sanity ?? [] {
      for stage in result.stages { add("sanity", result.method, stage.stage.rawValue, stage.rho) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func json(_ estimate: Estimate?) -> JSONValue {
    guard let estimate else { return .null }
    return .object([("mean", .double(estimate.mean)), ("lower", .double(estimate.lower)),
                    ("upper", .double(estimate.upper)), ("count", .int(estimate.count))])
  }
}

extension EvaluationDocument.MethodResult {
  var jsonValue: JSONValue {
    .object([
      ("method", .string(id)), ("sign", sign.map { .string($0.rawValue) } ?? .null), ("options", .string(options)),
      ("ranking", .string(ranking.rawValue)),
      ("comprehensiveness", .array(comprehensiveness.map(EvaluationDocument.json))),
      ("sufficiency", .array(sufficiency.map(EvaluationDocument.json))),
      ("comprehensiveness_aopc", EvaluationDocument.json(comprehensivenessAOPC)),
      ("sufficiency_aopc", EvaluationDocument.json(sufficiencyAOPC)),
      ("deletion_accuracy_correct", .array(deletionOfCorrect.map(EvaluationDocument.json))),
      ("deletion_accuracy_wrong", .array(deletionOfWrong.map(EvaluationDocument.json))),
      ("sequences_per_second", sequencesPerSecond.map(JSONValue.double) ?? .null),
    ])
  }
}
