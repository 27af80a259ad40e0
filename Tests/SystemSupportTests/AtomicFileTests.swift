import Foundation
import SystemSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error thrown from inside a write body to simulate a failure half-way.
private struct Interrupted: Error, Equatable {}

/// A scratch directory removed when the test ends.
private struct Scratch: ~Copyable {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("saliency-atomic-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
  }

  deinit {
    _ = chmod(url.path, 0o755)
    try? FileManager.default.removeItem(at: url)
  }

  func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  /// Directory entries, hidden ones included, sorted.
  func listing(_ subdirectory: String? = nil) throws -> [String] {
    let path = subdirectory.map { url.appendingPathComponent($0).path } ?? url.path
    return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }
}

/// The claim the directory tests write with.
private let claim = DirectoryClaim(kind: "analysis", command: "saliency analyze")

private func contents(_ url: URL) throws -> String {
  String(decoding: try Data(contentsOf: url), as: UTF8.self)
}

private func permissions(_ url: URL) throws -> Int {
  let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
  return try #require(attributes[.posixPermissions] as? Int)
}

@Suite("Atomic file writes")
struct AtomicFileTests {
  // MARK: Files

  @Test("a new file gets the bytes and no temporary file remains")
  func writesNewFile() throws {
    let scratch = try Scratch()
    let target = scratch.file("out.bin")
    try AtomicFile.write([UInt8](0...255), to: target)
    #expect(try Data(contentsOf: target) == Data(0...255))
    try AtomicFile.write(Data("data".utf8), to: scratch.file("data.txt"))
    try AtomicFile.write("héllo\n", to: scratch.file("text.txt"))
    #expect(try contents(scratch.file("text.txt")) == "héllo\n")
    #expect(try scratch.listing() == ["data.txt", "out.bin", "text.txt"])
  }

  @Test("an existing file is replaced and keeps its permissions")
  func replacesExistingFile() throws {
    let scratch = try Scratch()
    let target = scratch.file("model.safetensors")
    try Data("old contents that are longer".utf8).write(to: target)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target.path)
    try AtomicFile.write("new", to: target)
    #expect(try contents(target) == "new")
    #expect(try permissions(target) == 0o640)
    #expect(try scratch.listing() == ["model.safetensors"])
  }

  @Test("streaming writes larger than the buffer arrive complete and in order")
  func streamsLargeOutput() throws {
    let scratch = try Scratch()
    let target = scratch.file("big.csv")
    var expected = ""
    try AtomicFile.write(to: target) { writer in
      for row in 0..<20_000 {
        let line = "\(row),\(row * row)\n"
        expected += line
        try writer.write(line)
      }
      let block = [UInt8](repeating: UInt8(ascii: "x"), count: 200_000)
      expected += String(repeating: "x", count: block.count)
      try writer.write(block)
    }
    #expect(try contents(target) == expected)
    #expect(try scratch.listing() == ["big.csv"])
  }

  @Test("a body that throws leaves the old file intact and no temporary file")
  func failingBodyKeepsOldFile() throws {
    let scratch = try Scratch()
    let target = scratch.file("report.html")
    try AtomicFile.write("old", to: target)
    #expect(throws: Interrupted()) {
      try AtomicFile.write(to: target) { writer in
        try writer.write(String(repeating: "partial ", count: 50_000))
        throw Interrupted()
      }
    }
    #expect(try contents(target) == "old")
    #expect(try scratch.listing() == ["report.html"])
  }

  @Test("a missing parent directory is reported by name")
  func missingParentDirectory() throws {
    let scratch = try Scratch()
    let target = scratch.file("missing/deeper/out.json")
    let error = #expect(throws: AtomicFileError.self) { try AtomicFile.write("x", to: target) }
    #expect(error == .parentDirectoryMissing(path: target.path, parent: scratch.file("missing/deeper").path))
    #expect(error?.description == "cannot write '\(target.path)': directory '\(scratch.file("missing/deeper").path)' does not exist; create it first")
    #expect(try scratch.listing().isEmpty)
  }

  @Test("a file where a directory should be is reported")
  func parentIsAFile() throws {
    let scratch = try Scratch()
    try AtomicFile.write("x", to: scratch.file("plain"))
    let target = scratch.file("plain/sub/out.json")
    #expect(throws: AtomicFileError.parentNotDirectory(path: target.path, parent: scratch.file("plain").path)) {
      try AtomicFile.write("x", to: target)
    }
    #expect(try scratch.listing() == ["plain"])
  }

  @Test("writing a file over a directory is refused")
  func targetIsDirectory() throws {
    let scratch = try Scratch()
    let target = scratch.file("dir")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
    try AtomicFile.write("keep", to: target.appendingPathComponent("inner"))
    #expect(throws: AtomicFileError.targetIsDirectory(path: target.path)) { try AtomicFile.write("x", to: target) }
    #expect(try contents(target.appendingPathComponent("inner")) == "keep")
    #expect(try scratch.listing() == ["dir"])
  }

  @Test("a failure to create the temporary file leaves the old file intact")
  func temporaryFileCannotBeCreated() throws {
    // A 250-byte name is legal, but its temporary sibling would exceed NAME_MAX (255): this fails for
    // root too, unlike a permission test.
    let scratch = try Scratch()
    let target = scratch.file(String(repeating: "n", count: 250))
    try Data("old".utf8).write(to: target)
    let error = #expect(throws: AtomicFileError.self) { try AtomicFile.write("new", to: target) }
    guard case .systemCall(let path, let operation, let code, let reason) = error else {
      Issue.record("unexpected error \(String(describing: error))")
      return
    }
    #expect(path == target.path)
    #expect(operation == "creating a temporary file in '\(scratch.path)'")
    #expect(code == ENAMETOOLONG)
    #expect(reason == "file name too long")
    #expect(try contents(target) == "old")
    #expect(try scratch.listing() == [target.lastPathComponent])
  }

  @Test("an unwritable directory is reported and the old file kept", .disabled(if: geteuid() == 0, "root ignores permission bits"))
  func unwritableDirectory() throws {
    let scratch = try Scratch()
    let target = scratch.file("model.safetensors")
    try AtomicFile.write("old", to: target)
    #expect(chmod(scratch.path, 0o555) == 0)
    defer { _ = chmod(scratch.path, 0o755) }
    let error = #expect(throws: AtomicFileError.self) { try AtomicFile.write("new", to: target) }
    #expect(error?.description.contains("permission denied") == true)
    #expect(try contents(target) == "old")
    #expect(try scratch.listing() == ["model.safetensors"])
  }

  @Test("a symbolic link is followed: its target is replaced and the link kept")
  func followsSymbolicLink() throws {
    let scratch = try Scratch()
    let real = scratch.file("real.txt")
    let link = scratch.file("link.txt")
    try AtomicFile.write("old", to: real)
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
    try AtomicFile.write("new", to: link)
    #expect(try contents(real) == "new")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
    #expect(try scratch.listing() == ["link.txt", "real.txt"])
  }

  @Test("pseudo-files such as /dev/null are written directly")
  func writesToDevice() throws {
    try AtomicFile.write("discarded", to: URL(fileURLWithPath: "/dev/null"))
  }

  @Test("concurrent writers never leave a mixed or partial file")
  func concurrentWriters() async throws {
    let scratch = try Scratch()
    let target = scratch.file("shared.txt")
    let payloads = (0..<8).map { String(repeating: Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0))), count: 100_000) }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for payload in payloads {
        group.addTask { try AtomicFile.write(payload, to: target) }
      }
      try await group.waitForAll()
    }
    #expect(payloads.contains(try contents(target)))
    #expect(try scratch.listing() == ["shared.txt"])
  }

  // MARK: Directories

  @Test("a directory is built beside the target and moved into place")
  func writesNewDirectory() throws {
    let scratch = try Scratch()
    let target = scratch.file("analysis")
    var seen: URL?
    try AtomicFile.writeDirectory(to: target, claim: claim) { directory in
      seen = directory
      #expect(directory.lastPathComponent.hasPrefix(".analysis.tmp-"))
      #expect(directory.deletingLastPathComponent().path == scratch.path)
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [DirectoryClaim.markerName])
      try AtomicFile.write("<html>", to: directory.appendingPathComponent("index.html"))
      try AtomicFile.write("{}", to: directory.appendingPathComponent("summary.json"))
    }
    #expect(seen != nil)
    #expect(try scratch.listing() == ["analysis"])
    #expect(try scratch.listing("analysis") == [DirectoryClaim.markerName, "index.html", "summary.json"])
  }

  @Test("an existing directory is replaced as a whole")
  func replacesDirectory() throws {
    let scratch = try Scratch()
    let target = scratch.file("out")
    try AtomicFile.writeDirectory(to: target, claim: claim) { directory in
      try AtomicFile.write("old", to: directory.appendingPathComponent("stale.csv"))
      try AtomicFile.write("old", to: directory.appendingPathComponent("index.html"))
    }
    try AtomicFile.writeDirectory(to: target, claim: claim) { directory in
      try AtomicFile.write("new", to: directory.appendingPathComponent("index.html"))
    }
    #expect(try scratch.listing() == ["out"])
    #expect(try scratch.listing("out") == [DirectoryClaim.markerName, "index.html"])
    #expect(try contents(target.appendingPathComponent("index.html")) == "new")
  }

  @Test("a build that throws leaves the old directory intact and nothing else")
  func failingBuildKeepsOldDirectory() throws {
    let scratch = try Scratch()
    let target = scratch.file("out")
    try AtomicFile.writeDirectory(to: target, claim: claim) { directory in
      try AtomicFile.write("old", to: directory.appendingPathComponent("index.html"))
    }
    #expect(throws: Interrupted()) {
      try AtomicFile.writeDirectory(to: target, claim: claim) { directory in
        try AtomicFile.write("half", to: directory.appendingPathComponent("index.html"))
        throw Interrupted()
      }
    }
    #expect(try scratch.listing() == ["out"])
    #expect(try contents(target.appendingPathComponent("index.html")) == "old")
  }

  @Test("directory writes report a file in the way and a missing parent")
  func directoryErrors() throws {
    let scratch = try Scratch()
    let file = scratch.file("taken")
    try AtomicFile.write("file", to: file)
    #expect(throws: AtomicFileError.targetIsNotDirectory(path: file.path)) {
      try AtomicFile.writeDirectory(to: file, claim: claim) { _ in Issue.record("build must not run") }
    }
    let orphan = scratch.file("missing/out")
    #expect(throws: AtomicFileError.parentDirectoryMissing(path: orphan.path, parent: scratch.file("missing").path)) {
      try AtomicFile.writeDirectory(to: orphan, claim: claim) { _ in Issue.record("build must not run") }
    }
    #expect(try scratch.listing() == ["taken"])
    #expect(try contents(file) == "file")
  }

  // MARK: Streamed output files

  @Test("an output file that fills the disk names itself (before: Foundation's NSCocoaErrorDomain 640, no name)")
  func outputFileOnFullDisk() throws {
    let file = try OutputFile(path: "/dev/full")
    #expect(throws: AtomicFileError.systemCall(path: "/dev/full", operation: "writing", errno: ENOSPC, reason: "no space left on device")) {
      try file.write(bytes: [UInt8](repeating: 0x61, count: 1 << 17))
      try file.close()
    }
    let scratch = try Scratch()
    let lines = try OutputFile(path: scratch.file("lines.jsonl").path)
    try lines.write("{}\n")
    try lines.write(bytes: Array("[]\n".utf8))
    try lines.close()
    #expect(try contents(scratch.file("lines.jsonl")) == "{}\n[]\n")
  }

  @Test("a file appended to an output file follows the buffered writes, from the offset given, whole however long")
  func appendFile() throws {
    let scratch = try Scratch()
    let long = (0..<200_000).map { "line \($0)\n" }.joined()
    try long.write(to: scratch.file("long.txt"), atomically: false, encoding: .utf8)
    try "header\nbody\n".write(to: scratch.file("short.txt"), atomically: false, encoding: .utf8)
    try "".write(to: scratch.file("empty.txt"), atomically: false, encoding: .utf8)
    let out = try OutputFile(path: scratch.file("out.txt").path)
    try out.write("first\n")
    try out.append(contentsOfFileAt: scratch.file("short.txt").path, from: 7)
    try out.write("middle\n")
    try out.append(contentsOfFileAt: scratch.file("empty.txt").path)
    try out.append(contentsOfFileAt: scratch.file("long.txt").path)
    try out.append(contentsOfFileAt: scratch.file("short.txt").path, from: 100)
    try out.close()
    #expect(try contents(scratch.file("out.txt")) == "first\nbody\nmiddle\n" + long)
  }

  @Test("appending a missing file names it; appending to a full disk names the output")
  func appendFileFailures() throws {
    let scratch = try Scratch()
    let missing = scratch.file("missing.txt").path
    let out = try OutputFile(path: scratch.file("out.txt").path)
    #expect(throws: AtomicFileError.systemCall(path: missing, operation: "opening the file", errno: ENOENT, reason: "no such file or directory")) {
      try out.append(contentsOfFileAt: missing)
    }
    try String(repeating: "x", count: 1 << 17).write(to: scratch.file("big.txt"), atomically: false, encoding: .utf8)
    let full = try OutputFile(path: "/dev/full")
    #expect(throws: AtomicFileError.systemCall(path: "/dev/full", operation: "writing the file", errno: ENOSPC, reason: "no space left on device")) {
      try full.append(contentsOfFileAt: scratch.file("big.txt").path)
    }
  }
}
