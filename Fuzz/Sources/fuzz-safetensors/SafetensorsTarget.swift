import FuzzSupport
import LSTMCore

/// Fuzzes the safetensors reader and the model loader over arbitrary bytes.
///
/// Invariants checked on every input (a violation aborts, which libFuzzer reports as a crash):
/// - `SafetensorsArchive(bytes:source:)` either throws or returns an archive that survives a round trip:
///   parsing `serialized()` again gives the same tensors (by name) and metadata, and serializing that
///   gives the same bytes;
/// - `Classifier(archive:)` either throws or returns a model whose parameter count matches its layout,
///   whose special ids lie inside the vocabulary, and whose own archive loads back to the same model;
/// - a loaded model runs a forward pass over its special ids without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let input = FuzzInput(data, size)
  guard let archive = try? SafetensorsArchive(bytes: input.bytes, source: "fuzz input") else { return 0 }

  let written = archive.serialized()
  let reread: SafetensorsArchive
  do {
    reread = try SafetensorsArchive(bytes: written, source: "fuzz round trip")
  } catch {
    Finding.fail("serialized() of a parsed archive does not parse again: \(error)")
  }
  // Reading keeps data-buffer order and writing sorts by name, so tensors are compared by name.
  Finding.require(byName(reread.tensors) == byName(archive.tensors) && reread.metadata == archive.metadata,
                  "round trip changed the archive: \(archive.tensorNames) → \(reread.tensorNames)")
  Finding.require(reread.serialized() == written, "serialized() is not stable across a round trip")

  guard let model = try? Classifier(archive: archive) else { return 0 }
  let config = model.config
  Finding.require(model.parameters.count == model.layout.totalCount, "parameter count \(model.parameters.count) ≠ layout \(model.layout.totalCount)")
  let ids = [model.specialIds.pad] + (model.specialIds.unk.map { [$0] } ?? [])
  Finding.require(ids.allSatisfy { (0..<config.vocabularySize).contains($0) }, "special ids \(ids) outside V = \(config.vocabularySize)")

  let again: Classifier
  do {
    again = try Classifier(archive: model.archive(metadata: [:]))
  } catch {
    Finding.fail("a loaded model's own archive does not load: \(error)")
  }
  Finding.require(again.config == config && again.specialIds == model.specialIds && again.parameters == model.parameters,
                  "a loaded model's own archive loads as a different model")

  // One short forward pass; the weights are finite but arbitrary, so only memory safety is at stake here.
  if model.layout.totalCount <= 1 << 16 {
    do {
      let probabilities = try model.probabilities(of: [ids + [config.vocabularySize - 1]])
      Finding.require(probabilities.count == 1 && probabilities[0].count == config.classCount, "probabilities have the wrong shape")
    } catch {
      Finding.fail("valid token ids were rejected: \(error)")
    }
  }
  return 0
}

private func byName(_ tensors: [SafetensorsArchive.Tensor]) -> [SafetensorsArchive.Tensor] {
  tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
}
