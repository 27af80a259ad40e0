import Foundation

/// Where a reader's bytes come from: an open file (or standard input), or bytes already in memory.
struct ByteSource {
  private enum Storage {
    case handle(FileHandle)
    case memory([UInt8], offset: Int)
  }

  private var storage: Storage

  /// Reads from `handle` until its end of file; the handle is not closed by the source.
  init(handle: FileHandle) {
    storage = .handle(handle)
  }

  /// Reads `bytes` from memory.
  init(bytes: [UInt8]) {
    storage = .memory(bytes, offset: 0)
  }

  /// Appends up to `count` more bytes to `buffer`.
  /// - Returns: `false` at the end of the input (nothing appended).
  /// - Throws: the underlying I/O error.
  mutating func read(upTo count: Int, into buffer: inout [UInt8]) throws -> Bool {
    switch storage {
    case .handle(let handle):
      guard let data = try handle.read(upToCount: count), !data.isEmpty else { return false }
      buffer.append(contentsOf: data)
      return true
    case .memory(let bytes, let offset):
      guard offset < bytes.count else { return false }
      let end = min(bytes.count, offset + count)
      buffer.append(contentsOf: bytes[offset..<end])
      storage = .memory(bytes, offset: end)
      return true
    }
  }
}
