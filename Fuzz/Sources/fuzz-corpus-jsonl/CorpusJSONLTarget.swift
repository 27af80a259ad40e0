import Corpus
import FuzzSupport

/// Fuzzes `CorpusReader` on in-memory JSONL input; the invariants are `CorpusFuzzing`'s.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpus(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  CorpusFuzzing.check(FuzzInput(data, size), format: .jsonl)
  return 0
}
