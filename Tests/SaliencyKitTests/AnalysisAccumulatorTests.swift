import Foundation
import LSTMCore
import Reports
import Saliency
import Testing
@testable import SaliencyKit

@Suite("Analysis accumulators")
struct AnalysisAccumulatorTests {
  @Test("an exact sum does not depend on the order of additions, and merges exactly")
  func exactSumIsOrderIndependent() {
    var generator = SplitMix64(seed: 7)
    let values = (0..<5_000).map { _ in (Double(generator.next() % 2_000_001) - 1_000_000) * 1e-7 * Double(generator.next() % 1000) }
    var forward = ExactSum(), backward = ExactSum(), halves = ExactSum(), second = ExactSum()
    for value in values { forward.add(value) }
    for value in values.reversed() { backward.add(value) }
    for value in values[..<2_500] { halves.add(value) }
    for value in values[2_500...] { second.add(value) }
    halves.add(second)
    #expect(forward == backward)
    #expect(forward == halves)
    #expect(forward.value.bitPattern == halves.value.bitPattern)
    #expect(abs(forward.value - values.reduce(0, +)) < 1e-9)
  }

  @Test("NaN, infinities and huge values make a sum invalid instead of wrong")
  func exactSumInvalid() throws {
    var sum = ExactSum(1.5)
    sum.add(.nan)
    #expect(sum.invalid && sum.value.isNaN)
    var huge = ExactSum()
    huge.add(0x1p41)
    #expect(huge.value.isNaN)
    let data = try JSONEncoder().encode([ExactSum(0.25), sum])
    #expect(String(decoding: data, as: UTF8.self) == "[\"288230376151711744\",\"invalid\"]")
    #expect(try JSONDecoder().decode([ExactSum].self, from: data) == [ExactSum(0.25), sum])
  }

  @Test("a bounded heap keeps the best N whatever the order, and merging halves equals one heap")
  func boundedHeap() {
    var generator = SplitMix64(seed: 3)
    let values = (0..<1_000).map { _ in Int(generator.next() % 300) }
    let order: @Sendable ((Int, Int), (Int, Int)) -> Bool = { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
    var whole = BoundedHeap<(Int, Int)>(capacity: 7, ranksBefore: order)
    var left = whole, right = whole
    for (index, value) in values.enumerated() {
      whole.offer((value, index))
      if index % 2 == 0 { left.offer((value, index)) } else { right.offer((value, index)) }
    }
    left.merge(right)
    let expected = values.enumerated().map { ($1, $0) }.sorted(by: order).prefix(7)
    #expect(whole.sorted.map(\.1) == expected.map(\.1))
    #expect(left.sorted.map(\.1) == expected.map(\.1))
    var none = BoundedHeap<(Int, Int)>(capacity: 0, ranksBefore: order)
    none.offer((1, 1))
    #expect(none.count == 0 && !none.wouldKeep((5, 0)))
  }

  @Test("metrics from the confusion counts equal ClassificationMetrics")
  func confusionMetrics() {
    var generator = SplitMix64(seed: 11)
    let gold = (0..<500).map { _ in Int(generator.next() % 3) }
    let predicted = gold.map { $0 == 2 ? Int(generator.next() % 2) : (generator.next() % 4 == 0 ? 2 : $0) }
    var counts = ConfusionCounts(classCount: 3)
    for (g, p) in zip(gold, predicted) { counts.add(gold: g, predicted: p) }
    let reference = ClassificationMetrics(gold: gold, predicted: predicted, classCount: 3)
    #expect(counts.counts == reference.confusion)
    #expect(counts.accuracy == reference.accuracy)
    #expect(counts.balancedAccuracy == reference.balancedAccuracy)
    #expect(counts.macroF1 == reference.macroF1)
  }

  @Test("one gold class: metrics are still computed; the others' recall is undefined")
  func oneClassOnly() {
    var counts = ConfusionCounts(classCount: 2)
    for predicted in [0, 0, 0, 1] { counts.add(gold: 0, predicted: predicted) }
    #expect(counts.accuracy == 0.75)
    #expect(counts.balancedAccuracy == 0.75)
    #expect(counts.figures(of: 1).recall == nil)
    #expect(counts.figures(of: 1).precision == 0)
    #expect(counts.goldClasses == [0])
    #expect(ConfusionCounts(classCount: 2).accuracy == nil)
  }

  @Test("ECE over 10 equal-width bins, computed by hand")
  func expectedCalibrationError() {
    var bins = CalibrationBins()
    #expect(bins.binIndex(of: 1.0) == 9 && bins.binIndex(of: 0.1) == 1 && bins.binIndex(of: 0.0999) == 0)
    #expect(bins.expectedCalibrationError == nil)
    // Bin 9: confidences 0.95, 0.95, right, wrong → |1 − 1.9| = 0.9. Bin 6: 0.6, 0.65, both right → |2 − 1.25| = 0.75.
    bins.add(confidence: 0.95, correct: true)
    bins.add(confidence: 0.95, correct: false)
    bins.add(confidence: 0.6, correct: true)
    bins.add(confidence: 0.65, correct: true)
    let ece = bins.expectedCalibrationError ?? .nan
    #expect(abs(ece - (0.9 + 0.75) / 4) < 1e-15)
    #expect(bins.bins[9].accuracy == 0.5)
    var split = CalibrationBins()
    split.add(confidence: 0.95, correct: true)
    var rest = CalibrationBins()
    for (c, ok) in [(0.95, false), (0.6, true), (0.65, true)] { rest.add(confidence: c, correct: ok) }
    split.merge(rest)
    #expect(split == bins)
  }

  @Test("length buckets: 5 is short, 6 is not, 501 is the open bucket")
  func lengthBuckets() {
    #expect(LengthAccuracy.bucketIndex(of: 5) == 0 && LengthAccuracy.bucketIndex(of: 6) == 1)
    #expect(LengthAccuracy.bucketIndex(of: 501) == LengthAccuracy.upperBounds.count)
    #expect(LengthAccuracy.range(of: 2).min == 11 && LengthAccuracy.range(of: 2).max == 20)
    #expect(LengthAccuracy.range(of: LengthAccuracy.upperBounds.count).max == nil)
  }

  @Test("method agreement: τ-b of 1 for the same order, −1 reversed, undefined for constant scores")
  func agreement() {
    var tally = AgreementTally(methodCount: 3)
    tally.add(scores: [[1, 2, 3], [10, 20, 30], [3, 2, 1]])
    tally.add(scores: [[1, 2, 3], [5, 5, 5], [1, 3, 2]])
    #expect(tally.pairs.map { [$0.first, $0.second] } == [[0, 1], [0, 2], [1, 2]])
    #expect(tally.pairs[0].mean == 1 && tally.pairs[0].undefined == 1)
    let expected = (-1 + (KendallCorrelation.tauB([1, 2, 3], [1, 3, 2]) ?? .nan)) / 2
    #expect(tally.pairs[1].mean == expected)
    #expect(tally.pairs[2].count == 1 && tally.pairs[2].mean == -1)
    #expect(AgreementTally(methodCount: 1).pairs.isEmpty)
  }

  @Test("word statistics: means, share positive, min count and a total order")
  func wordStatistics() {
    var words = WordStatistics()
    words.add(tokens: [5, 6, 5], scores: [0.5, -1, -0.25], target: 1)
    words.add(tokens: [5, 7], scores: [1, 2], target: 1)
    words.add(tokens: [5], scores: [3], target: 0)
    let cell = words.cells[.init(klass: 1, token: 5)]
    #expect(cell?.count == 3 && cell?.positive == 2)
    #expect(cell?.meanSigned == 1.25 / 3 && cell?.meanMagnitude == 1.75 / 3)
    #expect(words.rows(minCount: 1).map { [$0.klass, $0.token] } == [[0, 5], [1, 7], [1, 5], [1, 6]])
    #expect(words.rows(minCount: 2).map(\.token) == [5])
  }

  @Test("--label-map parses FROM=TO pairs and names bad entries")
  func labelMap() throws {
    let map = try LabelMap(parsing: "neg=negative, pos = positive")
    #expect(map.map("neg") == "negative" && map.map("pos") == "positive" && map.map("other") == "other")
    #expect(map.unknownTargets(labels: ["negative"]) == ["positive"])
    #expect(throws: LabelMapError.malformed("neg")) { try LabelMap(parsing: "neg") }
    #expect(throws: LabelMapError.repeated("a")) { try LabelMap(parsing: "a=b,a=c") }
  }

  @Test("shards: K/N parses only for 0 ≤ K < N")
  func shardParsing() {
    #expect(Shard(parsing: "1/4") == Shard(index: 1, count: 4))
    for bad in ["4/4", "-1/2", "1/0", "1", "a/b", "1/2/3"] { #expect(Shard(parsing: bad) == nil) }
  }
}
