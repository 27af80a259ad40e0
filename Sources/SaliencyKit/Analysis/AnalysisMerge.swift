import Foundation

/// Combines the `state.json` of the shards of one run (`analyze --shard K/N` for every K) into the state of
/// the whole corpus. Every accumulator merges exactly, so the metrics and word tables equal those of an
/// unsharded run with the same settings, bit for bit: each row's scores are the same in both, since the analysis
/// computes with row-stable products (`Gemm.withRowStableProducts`) whatever the batch.
public enum AnalysisMerge {
  /// - Parameter parts: (directory name for messages, stored state), in the order given.
  /// - Returns: the merged info (shard nil, `mergedShards` listing the parts) and state.
  /// - Throws: `AnalysisError.incompatible` when the parts are not the complete, distinct shards of one run.
  public static func merge(_ parts: [(name: String, stored: AnalysisFiles.Stored)]) throws
    -> (info: AnalysisInfo, state: AnalysisState) {
    guard let first = parts.first else { throw AnalysisError.incompatible("give at least one analysis directory to merge") }
    if parts.contains(where: { $0.stored.info.part != nil }) { return try mergeParts(parts) }
    var info = first.stored.info
    var state = first.stored.state
    for part in parts.dropFirst() {
      if let mismatch = part.stored.info.mismatch(with: first.stored.info) {
        throw AnalysisError.incompatible("\(part.name) and \(first.name) are not shards of one analysis: \(mismatch)")
      }
      do {
        try state.merge(part.stored.state)
      } catch {
        throw AnalysisError.incompatible("\(part.name) and \(first.name): \(error)")
      }
    }
    let shards = parts.map(\.stored.info.shard)
    if shards.contains(where: { $0 == nil }) {
      guard parts.count == 1 else {
        let whole = parts.filter { $0.stored.info.shard == nil }.map(\.name).joined(separator: ", ")
        throw AnalysisError.incompatible("\(whole) analysed the whole corpus; merge combines the shards of one run "
          + "(analyze --shard K/N for K = 0…N−1)")
      }
    } else {
      let count = shards.compactMap { $0?.count }.first ?? 1
      var seen: [Int: String] = [:]
      for (part, shard) in zip(parts, shards) {
        guard let shard else { continue }
        if let other = seen[shard.index] {
          throw AnalysisError.incompatible("\(part.name) and \(other) are both shard \(shard.text); give each shard once")
        }
        seen[shard.index] = part.name
      }
      let missing = (0..<count).filter { seen[$0] == nil }
      guard missing.isEmpty else {
        let list = missing.map { "\($0)/\(count)" }.joined(separator: ", ")
        throw AnalysisError.incompatible("shard\(missing.count == 1 ? "" : "s") \(list) missing; merge needs all \(count) shards")
      }
      info.mergedShards = shards.compactMap { $0 }.sorted { $0.index < $1.index }
    }
    info.shard = nil
    return (info, state)
  }

  /// Merges the parts of `analyze --part K/N` (consecutive slices of one input, e.g. Spark partitions): every K
  /// once, in K order, each part's row indices shifted by the well-formed rows of the parts before it. The
  /// result is the info and state of one run over the whole input (no shard, no merged shards), and like
  /// that run it refuses an input without an analysed row.
  static func mergeParts(_ parts: [(name: String, stored: AnalysisFiles.Stored)]) throws
    -> (info: AnalysisInfo, state: AnalysisState) {
    if let whole = parts.first(where: { $0.stored.info.part == nil }) {
      throw AnalysisError.incompatible("\(whole.name) is not a part (analyze --part K/N); merge parts with parts only")
    }
    var byIndex: [Int: (name: String, stored: AnalysisFiles.Stored)] = [:]
    for part in parts {
      guard let index = part.stored.info.part?.index else { continue }
      if let other = byIndex[index] {
        throw AnalysisError.incompatible("\(part.name) and \(other.name) are both part \(part.stored.info.part?.text ?? ""); give each part once")
      }
      byIndex[index] = part
    }
    let count = parts[0].stored.info.part?.count ?? 1
    let missing = (0..<count).filter { byIndex[$0] == nil }
    guard missing.isEmpty else {
      let list = missing.map { "\($0)/\(count)" }.joined(separator: ", ")
      throw AnalysisError.incompatible("part\(missing.count == 1 ? "" : "s") \(list) missing; merge needs all \(count) parts")
    }
    let ordered = (0..<count).compactMap { byIndex[$0] }
    let first = ordered[0]
    var info = first.stored.info
    var state = first.stored.state
    var offset = state.counts.rows
    for part in ordered.dropFirst() {
      if let mismatch = part.stored.info.mismatch(with: first.stored.info) {
        throw AnalysisError.incompatible("\(part.name) and \(first.name) are not parts of one analysis: \(mismatch)")
      }
      var partState = part.stored.state
      partState.shiftRows(by: offset)
      offset += partState.counts.rows
      do {
        try state.merge(partState)
      } catch {
        throw AnalysisError.incompatible("\(part.name) and \(first.name): \(error)")
      }
    }
    if state.counts.analysed == 0 {
      if state.counts.rows == 0, state.counts.rejected == 0 { throw AnalysisError.emptyCorpus(file: info.input) }
      throw AnalysisError.nothingAnalysed(file: info.input, rejected: state.counts.rejected)
    }
    info.part = nil
    info.shard = nil
    info.mergedShards = []
    return (info, state)
  }
}
