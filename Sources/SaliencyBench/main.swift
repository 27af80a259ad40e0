// saliency-bench: throughput of the standard workload (perf notes: V=20000, E=128, H=256, K=2, T=40) for
// training, scoring and every explanation method. Prints one JSON object per measurement on stdout, so
// scripts/bench/run.sh can set them beside PyTorch + Captum. Not part of CI.
//
//   saliency-bench [--only NAME,…] [--repeats N] [--threads N] [--write-workload DIR] [--encoders lstm,bilstm-2layer]
// Workloads of an encoder other than the standard LSTM are named with its prefix (`bilstm-2layer:score`).
import Foundation
import LSTMCore
import Saliency

BLASKernelSelection.reexecuteWithFasterKernelsIfNeeded()
MemoryReuse.keepFreedMemory()
FileHandle.standardError.write(Data("saliency-bench: OpenBLAS kernels \(BLASKernelSelection.activeCore)\n".utf8))
let arguments = BenchArguments(CommandLine.arguments.dropFirst())
let workload = StandardWorkload()
if let directory = arguments.workloadDirectory {
  do {
    try workload.write(to: URL(fileURLWithPath: directory))
  } catch {
    FileHandle.standardError.write(Data("saliency-bench: \(error)\n".utf8))
    exit(1)
  }
}
Gemm.setLibraryThreads(1)
for encoder in arguments.encoders {
  let encoded = encoder == workload.encoder ? workload : StandardWorkload(encoder: encoder)
  for benchmark in Benchmarks.all(workload: encoded, threads: arguments.threads) where arguments.selects(benchmark.name) {
    let result = benchmark.measure(repeats: arguments.repeats)
    print(result.json)
  }
}
