import Corpus
import Reports

/// `summary.json`: every figure of an analysis, keys in a fixed order, numbers as Doubles or integers
/// (null where a figure is undefined, e.g. the recall of a class with no gold example).
public enum AnalysisSummary {
  public static func json(info: AnalysisInfo, state: AnalysisState) -> JSONValue {
    let labels = state.labels
    let confusion = state.confusion
    let perClass: [JSONValue] = labels.indices.map { klass in
      let figures = confusion.figures(of: klass)
      return .object([
        ("label", .string(labels[klass])), ("precision", number(figures.precision)), ("recall", number(figures.recall)),
        ("f1", number(figures.f1)), ("support", .int(figures.support)), ("predicted", .int(figures.predicted)),
      ])
    }
    let bins: [JSONValue] = state.calibration.bins.indices.map { index in
      let bin = state.calibration.bins[index]
      let range = state.calibration.range(of: index)
      return .object([
        ("lower", .double(range.lower)), ("upper", .double(range.upper)), ("count", .int(bin.count)),
        ("correct", .int(bin.correct)), ("accuracy", number(bin.accuracy)), ("mean_confidence", number(bin.meanConfidence)),
      ])
    }
    let lengths: [JSONValue] = state.lengths.buckets.indices.map { index in
      let range = LengthAccuracy.range(of: index)
      let bucket = state.lengths.buckets[index]
      return .object([
        ("min_tokens", .int(range.min)), ("max_tokens", range.max.map(JSONValue.int) ?? .null), ("count", .int(bucket.count)),
        ("correct", .int(bucket.correct)), ("accuracy", number(bucket.accuracy)),
      ])
    }
    let agreement: [JSONValue] = state.agreement.pairs.map { pair in
      .object([
        ("methods", .array([.string(state.methods[pair.first]), .string(state.methods[pair.second])])),
        ("mean_kendall_tau_b", number(pair.mean)), ("texts", .int(pair.count)), ("undefined", .int(pair.undefined)),
      ])
    }
    let methods: [JSONValue] = state.methods.indices.map { index in
      .object([("method", .string(state.methods[index])), ("sign", state.signs[index].map(JSONValue.string) ?? .null),
               ("options", state.options[index].map(JSONValue.string) ?? .null)])
    }
    let counts = state.counts
    return .object([
      ("input", .object([
        ("path", .string(info.input)), ("sha256", info.inputSHA256.map(JSONValue.string) ?? .null),
        ("format", .string(info.inputFormat)), ("shard", info.shard.map { .string($0.text) } ?? .null),
        ("merged_shards", .array(info.mergedShards.map { .string($0.text) })),
      ])),
      ("model", soleModel(info: info, state: state).map { modelJSON(info.models[$0]) } ?? .null),
      ("model_choice", .string(info.modelChoice.rawValue)),
      ("models", .array(zip(info.models, state.models).map(modelSummary))),
      ("methods", .array(methods)),
      ("settings", .object([
        ("method_settings", info.methodSettings.jsonValue), ("target", info.target.map(JSONValue.string) ?? .null),
        ("label_map", .object(info.labelMap.map { ($0[0], .string($0[1])) })), ("min_count", .int(info.minCount)),
        ("word_tokens", .string(info.effectiveWordTokens.rawValue)),
        ("examples", .int(state.examplesKept)), ("batch_size", .int(info.batchSize)), ("chunk_size", .int(info.chunkSize)),
        ("calibration_bins", .int(state.calibration.bins.count)),
      ])),
      ("counts", .object([
        ("rows", .int(counts.rows)), ("analysed", .int(counts.analysed)), ("rejected", .int(counts.rejected)),
        ("rejected_malformed", .int(counts.rejectedMalformed)), ("rejected_no_tokens", .int(counts.rejectedNoTokens)),
        ("rejected_unknown_label", .int(counts.rejectedUnknownLabel)), ("truncated", .int(counts.truncated)),
        ("tokens", .int(counts.tokens)), ("unknown_tokens", .int(counts.unknownTokens)),
        ("mostly_unknown", .int(counts.mostlyUnknown)),
        ("first_mostly_unknown_line", counts.firstMostlyUnknownLine.map(JSONValue.int) ?? .null),
      ])),
      ("metrics", .object([
        ("count", .int(confusion.total)), ("accuracy", number(confusion.accuracy)),
        ("balanced_accuracy", number(confusion.balancedAccuracy)), ("macro_f1", number(confusion.macroF1)),
        ("ece", number(state.calibration.expectedCalibrationError)),
        ("per_class", .array(perClass)),
        ("confusion", .object([("rows", .string("gold")), ("columns", .string("predicted")),
                               ("matrix", .array(confusion.counts.map { .array($0.map(JSONValue.int)) }))])),
      ])),
      ("calibration", .array(bins)),
      ("accuracy_by_length", .array(lengths)),
      ("agreement", .array(agreement)),
      ("notes", .array(notes(info: info, state: state).map(JSONValue.string))),
      ("generator", .string(info.generator)),
    ])
  }

  /// Remarks a reader needs to read the figures right.
  public static func notes(info: AnalysisInfo, state: AnalysisState) -> [String] {
    var notes: [String] = []
    let counts = state.counts
    if counts.analysed == 0 {
      notes.append(info.shard != nil ? "this shard has no analysed row" : "no row was analysed")
    }
    let gold = state.confusion.goldClasses
    if gold.count == 1 {
      notes.append("every gold label is \(state.labels[gold[0]]): balanced accuracy is that class's recall, and the "
        + "other classes have no recall (shown as null)")
    }
    if counts.rejected > 0 {
      notes.append("\(counts.rejected) row(s) were rejected and left out (see rejected.tsv): \(counts.rejectedMalformed) "
        + "malformed, \(counts.rejectedNoTokens) without tokens, \(counts.rejectedUnknownLabel) with unknown labels")
    }
    if counts.truncated > 0 {
      notes.append(TokenLimit.markedNote(cut: counts.truncated, at: info.methodSettings.maxTokens ?? 0))
    }
    if state.methods.count < 2 { notes.append("one method only: there is no agreement between methods to report") }
    if info.modelChoice == .byScript, soleModel(info: info, state: state) == nil {
      let read = zip(info.models, state.models).map { "\($1.analysed) by \($0.name)" }.joined(separator: ", ")
      notes.append("each row was read by the default model of its script (a Han character: default-zh, else default-en): "
        + "\(read); metrics are over all rows (per model under \"models\"), and word tables are per model")
    }
    if counts.mostlyUnknown > 0 {
      notes.append("\(counts.mostlyUnknown) text(s) have mostly tokens their model does not know (first at line "
        + "\(counts.firstMostlyUnknownLine ?? 0)); they are probably read by the wrong model (--model)")
    }
    return notes
  }

  /// The index of the one model that read every analysed row: the only candidate, or under `by-script` the only
  /// one that read any row; nil when rows went to several models (or none did).
  public static func soleModel(info: AnalysisInfo, state: AnalysisState) -> Int? {
    if info.models.count == 1 { return 0 }
    let reading = state.models.indices.filter { state.models[$0].analysed > 0 }
    return reading.count == 1 ? reading[0] : nil
  }

  /// A candidate model and what it read: the rows' counts and metrics.
  static func modelSummary(_ model: AnalysisInfo.Model, _ tally: ModelTally) -> JSONValue {
    var members: [(String, JSONValue)] = []
    if case .object(let reference) = modelJSON(model) { members = reference }
    let confusion = tally.confusion
    let counts: [(String, JSONValue)] = [
      ("analysed", .int(tally.analysed)), ("tokens", .int(tally.tokens)), ("unknown_tokens", .int(tally.unknownTokens)),
      ("mostly_unknown", .int(tally.mostlyUnknown)),
    ]
    let metrics: [(String, JSONValue)] = [
      ("accuracy", number(confusion.accuracy)), ("balanced_accuracy", number(confusion.balancedAccuracy)),
      ("macro_f1", number(confusion.macroF1)), ("ece", number(tally.calibration.expectedCalibrationError)),
    ]
    return .object(members + counts + metrics)
  }

  static func modelJSON(_ model: AnalysisInfo.Model) -> JSONValue {
    .object([("name", .string(model.name)), ("path", model.path.map(JSONValue.string) ?? .null),
             ("labels", .array(model.labels.map(JSONValue.string)))])
  }

  static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.double) ?? .null }
}
