// segment-tool: runs the Chinese segmenter over a file of texts, for scripts/compare-jieba.sh. Not part of the
// `saliency` product.
//
//   SegmentTool INPUT OUTPUT [--repeats N]
//
// INPUT: UTF-8 text, one text per line (split at LF only; nothing else is stripped). OUTPUT: one line per
// text, the end offsets (Unicode scalars) of its words separated by spaces, so the comparison needs no
// escaping. Prints one JSON object to stdout: the load time of the embedded tables (first call, so it
// includes their validation), the segmentation time of the best of N passes and the throughput, and the
// throughput of `Tokenizer.tokenize` over the same texts with kinds character-han and word-jieba.
import Corpus
import Foundation

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("segment-tool: \(message)\n".utf8))
  exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 1
if let flag = arguments.firstIndex(of: "--repeats") {
  guard flag + 1 < arguments.count, let n = Int(arguments[flag + 1]), n >= 1 else {
    fail("--repeats needs a positive whole number")
  }
  repeats = n
  arguments.removeSubrange(flag...(flag + 1))
}
guard arguments.count == 2 else { fail("usage: SegmentTool INPUT OUTPUT [--repeats N]") }
let (inputPath, outputPath) = (arguments[0], arguments[1])

guard let data = FileManager.default.contents(atPath: inputPath) else { fail("cannot read \(inputPath)") }
var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
if lines.last?.isEmpty == true { lines.removeLast() }
let texts = lines.map { String(decoding: $0, as: UTF8.self) }
let scalarTexts = texts.map { Array($0.unicodeScalars) }

let clock = ContinuousClock()
let loadStart = clock.now
let segmenter: ChineseSegmenter
do {
  segmenter = try ChineseSegmenter.embedded()
} catch {
  fail("\(error)")
}
let loadTime = clock.now - loadStart

var results: [[Range<Int>]] = []
var bestTime = Duration.seconds(1_000_000)
for _ in 0..<repeats {
  let passStart = clock.now
  results = scalarTexts.map { segmenter.wordRanges(in: $0) }
  bestTime = min(bestTime, clock.now - passStart)
}

var output = ""
for words in results {
  output += words.map { String($0.upperBound) }.joined(separator: " ")
  output += "\n"
}
do {
  try Data(output.utf8).write(to: URL(fileURLWithPath: outputPath))
} catch {
  fail("cannot write \(outputPath): \(error.localizedDescription)")
}

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Texts per second of `tokenizer.tokenize` over `texts`, best of `repeats` passes.
func tokenizeRate(_ tokenizer: Tokenizer, _ texts: [String], repeats: Int) -> Double {
  let clock = ContinuousClock()
  var best = Duration.seconds(1_000_000)
  var tokenCount = 0
  for _ in 0..<repeats {
    let passStart = clock.now
    tokenCount = texts.reduce(0) { $0 + tokenizer.tokenize($1).count }
    best = min(best, clock.now - passStart)
  }
  return tokenCount > 0 ? Double(texts.count) / seconds(best) : 0
}

let segmentSeconds = seconds(bestTime)
let characters = scalarTexts.reduce(0) { $0 + $1.count }
print(
  "{\"texts\": \(texts.count), \"characters\": \(characters), \"load_ms\": \(seconds(loadTime) * 1000), "
    + "\"segment_seconds\": \(segmentSeconds), \"texts_per_second\": \(Double(texts.count) / segmentSeconds), "
    + "\"tokenize_characters_texts_per_second\": \(tokenizeRate(Tokenizer(), texts, repeats: repeats)), "
    + "\"tokenize_words_texts_per_second\": \(tokenizeRate(Tokenizer(kind: .wordJieba), texts, repeats: repeats)), "
    + "\"repeats\": \(repeats)}")
