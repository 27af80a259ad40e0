import Corpus
import LSTMCore
import Reports
import Saliency

/// Turns per-text measurements into the report's means with bootstrap 95% intervals.
struct EvaluationAggregation {
  let settings: EvaluationSettings
  /// The model (or models, in words) and the labels the texts were classified into.
  let modelName: String
  let labels: [String]

  /// The report of the texts `measured` holds (in corpus order: the bootstrap draws depend on it).
  /// - Parameter lexicon: the lexicon's name and entry count, when plausibility was measured.
  func document(_ measured: EvaluationMeasures, corpus: String, notes: [String], lexicon: (name: String, count: Int)?,
                generator: String) -> EvaluationDocument {
    var estimator = Estimator(resamples: settings.bootstrapResamples, seed: settings.seed)
    let textCount = measured.count
    let correct = (0..<textCount).filter { measured.predicted[$0] == measured.gold[$0] }
    let wrong = (0..<textCount).filter { measured.predicted[$0] != measured.gold[$0] }
    let bins = settings.percentages.indices
    let steps = 0...settings.deletionSteps
    let ids = measured.methods.map(\.id)
    let methodCount = ids.count

    let results = (0...methodCount).map { ranking -> EvaluationDocument.MethodResult in
      let rows = measured.texts
      let comprehensiveness = bins.map { bin in estimator.estimate(rows.map { $0.comprehensiveness[ranking][bin] }) }
      let sufficiency = bins.map { bin in estimator.estimate(rows.map { $0.sufficiency[ranking][bin] }) }
      let aopc = { (curve: KeyPath<TextMeasures, [[Double]]>) in
        estimator.estimate(rows.map { Self.mean($0[keyPath: curve][ranking]) })
      }
      let comprehensivenessAOPC = aopc(\.comprehensiveness), sufficiencyAOPC = aopc(\.sufficiency)
      let ofCorrect = correct.isEmpty ? [] : steps.map { step in estimator.estimate(correct.map { rows[$0].deletionAccuracy[ranking][step] }) }
      let ofWrong = wrong.isEmpty ? [] : steps.map { step in estimator.estimate(wrong.map { rows[$0].deletionAccuracy[ranking][step] }) }
      guard ranking < methodCount else {
        return .init(id: EvaluationDocument.baselineID, sign: nil, options: "", ranking: .random, comprehensiveness: comprehensiveness,
                     sufficiency: sufficiency, comprehensivenessAOPC: comprehensivenessAOPC, sufficiencyAOPC: sufficiencyAOPC,
                     deletionOfCorrect: ofCorrect, deletionOfWrong: ofWrong, sequencesPerSecond: nil)
      }
      let sign = measured.methods[ranking].sign ?? .unsigned
      let seconds = measured.methods[ranking].seconds
      return .init(id: ids[ranking], sign: HeatmapDocument.SignMeaning(sign), options: measured.methods[ranking].options ?? "",
                   ranking: sign == .unsigned ? .magnitude : .signed, comprehensiveness: comprehensiveness,
                   sufficiency: sufficiency, comprehensivenessAOPC: comprehensivenessAOPC, sufficiencyAOPC: sufficiencyAOPC,
                   deletionOfCorrect: ofCorrect, deletionOfWrong: ofWrong,
                   sequencesPerSecond: seconds > 0 ? Double(textCount) / seconds : nil)
    }

    let agreement = measured.agreement.map { pair in
      EvaluationDocument.Agreement(first: ids[pair.first], second: ids[pair.second],
                                   tau: estimator.estimateDefined(pair.taus))
    }
    let sanity = measured.sanity.map { rhos in
      ids.indices.map { method -> EvaluationDocument.SanityResult in
        let classIndependent = measured.methods[method].sign == .classIndependent
        let stages = zip(CascadingRandomization.Stage.allCases, rhos[method]).map { stage, values in
          EvaluationDocument.SanityResult.Stage(
            stage: EvaluationDocument.SanityStage(rawValue: stage.rawValue) ?? .embedding,
            rho: estimator.estimateDefined(values), unchangedExpected: classIndependent && stage == .outputLayer)
        }
        let final = stages.last?.rho?.mean
        return .init(method: ids[method], stages: stages,
                     passed: final.map { $0 < EvaluationDocument.sanityThreshold } ?? false)
      }
    }
    var plausibility: EvaluationDocument.Plausibility?
    if let lexicon, let perText = measured.plausibility {
      // The judged texts of one model after another (candidate order), each model's in text order.
      let order = measured.readingModels.flatMap { measured.positions(of: $0) }
      let shares = perText.map { ranking in order.compactMap { ranking[$0] } }
      plausibility = EvaluationDocument.Plausibility(
        lexicon: lexicon.name, entries: lexicon.count, topK: settings.plausibilityTopK, texts: shares.last?.count ?? 0,
        results: shares.enumerated().map { index, perText in
          EvaluationDocument.PlausibilityResult(
            id: index < ids.count ? ids[index] : EvaluationDocument.baselineID,
            agreeing: estimator.estimateDefined(perText.map(\.agreeing)),
            covered: estimator.estimateDefined(perText.map(\.covered)))
        })
    }
    var document = EvaluationDocument(
      title: "Which explanation to trust: \(modelName) on \(corpus)", modelName: modelName, labels: labels,
      corpus: corpus, texts: textCount, correct: correct.count, erasure: settings.erasure.rawValue,
      percentages: settings.percentages, deletionSteps: settings.deletionSteps, randomSeeds: settings.randomSeeds,
      bootstrapResamples: settings.bootstrapResamples, methods: results, agreement: agreement, sanity: sanity,
      plausibility: plausibility, notes: notes, generator: generator)
    document.agreementReference = MethodAgreement.preferredReference
    return document
  }

  private static func mean(_ values: [Double]) -> Double {
    values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
  }
}

/// Bootstrap estimates, each drawing from its own seed in a fixed sequence, so a report is reproducible.
private struct Estimator {
  let resamples: Int
  var seeds: SplitMix64

  init(resamples: Int, seed: UInt64) {
    self.resamples = resamples
    seeds = SplitMix64(seed: seed &+ 0xB007)
  }

  /// The mean of `values` with its interval (an empty list gives a zero estimate over no texts).
  mutating func estimate(_ values: [Double]) -> EvaluationDocument.Estimate {
    estimateDefined(values.map(Optional.some)) ?? .init(mean: 0, lower: 0, upper: 0, count: 0)
  }

  /// The estimate over the defined values, nil when none is.
  mutating func estimateDefined(_ values: [Double?]) -> EvaluationDocument.Estimate? {
    let seed = seeds.next()
    guard let interval = BootstrapInterval(meanOf: values.compactMap { $0 }, resamples: resamples, seed: seed) else { return nil }
    return .init(mean: interval.mean, lower: interval.lower, upper: interval.upper, count: interval.count)
  }
}
