import ArgumentParser
import Corpus
import SaliencyKit

/// `analyze --part K/N …`: the run reads one slice of consecutive records of a larger input on standard input
/// (a Spark partition, `scripts/spark/saliency_spark.py`), and records the whole input's name, sha256 and model
/// path, so that `saliency merge` of every part writes the directory of one run over the whole input. Without
/// `--model` a part's candidates are both defaults, as in one run, whatever rows the slice holds.
struct PartOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Standard input holds part K of N consecutive slices of one input (with --input - and --input-format); every part reads with the same candidate models (--model, or each text its script's default), and saliency merge of all N parts equals one run over the whole input.", valueName: "K/N"))
  var part: String?
  /// The format of a part's standard input.
  enum InputFormat: String, CaseIterable, ExpressibleByArgument {
    case tsv, csv, jsonl

    var corpusFormat: CorpusFormat {
      switch self {
      case .tsv: .tsv
      case .csv: .csv
      case .jsonl: .jsonl
      }
    }
  }

  @Option(name: .long, help: ArgumentHelp("With --part: the format of standard input (a TSV or CSV slice starts with the header line).", valueName: "format"))
  var inputFormat: InputFormat?
  @Option(name: .long, help: ArgumentHelp("With --part: added to every line number read, so lines are those of the whole input (the header, if any, is read as line 1 + N).", valueName: "n"))
  var lineOffset = 0
  @Option(name: .long, help: ArgumentHelp("With --part: the whole input's name, as recorded and shown.", valueName: "name"))
  var inputName: String?
  @Option(name: .long, help: ArgumentHelp("With --part: the whole input's sha256, as recorded.", valueName: "hex"))
  var inputSha256: String?
  @Option(name: .long, help: ArgumentHelp("With --part: the model path to record (the file read may be a copy elsewhere).", valueName: "path"))
  var modelPathAs: String?

  var parsedPart: Shard? { part.flatMap(Shard.init(parsing:)) }

  /// The format of standard input: `--input-format`, else JSON lines.
  var stdinFormat: CorpusFormat { (inputFormat ?? .jsonl).corpusFormat }

  func validate(input: String?, model: String?, shard: String?, out: String?, stdinHint: String = "give --input -") throws {
    guard let part else {
      if inputFormat != nil || lineOffset != 0 || inputName != nil || inputSha256 != nil || modelPathAs != nil {
        throw ValidationError("--input-format, --line-offset, --input-name, --input-sha256 and --model-path-as go with --part K/N.")
      }
      return
    }
    if Shard(parsing: part) == nil { throw ValidationError("--part must be K/N with 0 ≤ K < N, e.g. 0/4; '\(part)' is not.") }
    if input != "-" { throw ValidationError("--part reads its slice on standard input: \(stdinHint).") }
    if modelPathAs != nil, model == nil {
      throw ValidationError("--model-path-as records the path of --model; give --model, or drop --model-path-as.")
    }
    if shard != nil { throw ValidationError("--part and --shard cannot be combined.") }
    if out == nil { throw ValidationError("--part writes an analysis directory: give --out DIR.") }
    if lineOffset < 0 { throw ValidationError("--line-offset cannot be negative.") }
    if let inputSha256, inputSha256.count != 64 || !inputSha256.allSatisfy(\.isHexDigit) {
      throw ValidationError("--input-sha256 must be 64 hexadecimal digits.")
    }
  }
}
